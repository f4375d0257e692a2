package org.civicast.advocacy.supporters;

import java.time.LocalDate;
import java.util.List;
import org.civicast.platform.http.Change;

/**
 * What one write says about each property of a supporter: nothing (keep the stored value, or the
 * default on creation), or a value; null or blank clears a text. The address and phone lists are
 * replaced whole when sent. Start from {@link #none()} and name what changes:
 *
 * <pre>
 *   SupporterFields.none().withEmail("ada@example.org").withFirstName("Ada")
 *           .withAddresses(List.of(new Supporter.Address("home", "1 Main St", null, null, "Albany", "NY", "12207", null)))
 * </pre>
 */
public record SupporterFields(
        Change<String> firstName,
        Change<String> lastName,
        Change<String> middleName,
        Change<String> suffix,
        Change<String> prefix,
        Change<String> email,
        Change<String> emailOptin,
        Change<String> emailStatus,
        Change<String> customId,
        Change<LocalDate> joinDate,
        Change<List<Supporter.Address>> addresses,
        Change<List<Supporter.Phone>> phones) {

    /** Changes nothing. */
    public static SupporterFields none() {
        return new SupporterFields(Change.keep(), Change.keep(), Change.keep(), Change.keep(), Change.keep(),
                Change.keep(), Change.keep(), Change.keep(), Change.keep(), Change.keep(), Change.keep(),
                Change.keep());
    }

    public boolean isEmpty() {
        return Change.none(firstName, lastName, middleName, suffix, prefix, email, emailOptin, emailStatus, customId,
                joinDate, addresses, phones);
    }

    /** The same fields leaving the email as stored: for a supporter matched by it, in any case. */
    SupporterFields keepingEmail() {
        return new SupporterFields(firstName, lastName, middleName, suffix, prefix, Change.keep(), emailOptin,
                emailStatus, customId, joinDate, addresses, phones);
    }

    SupporterValues applyTo(SupporterValues v) {
        return new SupporterValues(firstName.or(v.firstName()), lastName.or(v.lastName()),
                middleName.or(v.middleName()), suffix.or(v.suffix()), prefix.or(v.prefix()), email.or(v.email()),
                emailOptin.or(v.emailOptin()), emailStatus.or(v.emailStatus()), customId.or(v.customId()),
                joinDate.or(v.joinDate()), addresses.or(v.addresses()), phones.or(v.phones()));
    }

    public SupporterFields withFirstName(String value) {
        return new SupporterFields(Change.to(value), lastName, middleName, suffix, prefix, email, emailOptin,
                emailStatus, customId, joinDate, addresses, phones);
    }

    public SupporterFields withLastName(String value) {
        return new SupporterFields(firstName, Change.to(value), middleName, suffix, prefix, email, emailOptin,
                emailStatus, customId, joinDate, addresses, phones);
    }

    public SupporterFields withMiddleName(String value) {
        return new SupporterFields(firstName, lastName, Change.to(value), suffix, prefix, email, emailOptin,
                emailStatus, customId, joinDate, addresses, phones);
    }

    public SupporterFields withSuffix(String value) {
        return new SupporterFields(firstName, lastName, middleName, Change.to(value), prefix, email, emailOptin,
                emailStatus, customId, joinDate, addresses, phones);
    }

    public SupporterFields withPrefix(String value) {
        return new SupporterFields(firstName, lastName, middleName, suffix, Change.to(value), email, emailOptin,
                emailStatus, customId, joinDate, addresses, phones);
    }

    public SupporterFields withEmail(String value) {
        return new SupporterFields(firstName, lastName, middleName, suffix, prefix, Change.to(value), emailOptin,
                emailStatus, customId, joinDate, addresses, phones);
    }

    /** One of {@link Supporter#EMAIL_OPTINS}. */
    public SupporterFields withEmailOptin(String value) {
        return new SupporterFields(firstName, lastName, middleName, suffix, prefix, email, Change.to(value),
                emailStatus, customId, joinDate, addresses, phones);
    }

    /** One of {@link Supporter#EMAIL_STATUSES}. */
    public SupporterFields withEmailStatus(String value) {
        return new SupporterFields(firstName, lastName, middleName, suffix, prefix, email, emailOptin,
                Change.to(value), customId, joinDate, addresses, phones);
    }

    public SupporterFields withCustomId(String value) {
        return new SupporterFields(firstName, lastName, middleName, suffix, prefix, email, emailOptin,
                emailStatus, Change.to(value), joinDate, addresses, phones);
    }

    public SupporterFields withJoinDate(LocalDate value) {
        return new SupporterFields(firstName, lastName, middleName, suffix, prefix, email, emailOptin,
                emailStatus, customId, Change.to(value), addresses, phones);
    }

    /** Replaces every address; the first is the primary one. */
    public SupporterFields withAddresses(List<Supporter.Address> value) {
        return new SupporterFields(firstName, lastName, middleName, suffix, prefix, email, emailOptin,
                emailStatus, customId, joinDate, Change.to(List.copyOf(value)), phones);
    }

    /** Replaces every phone. */
    public SupporterFields withPhones(List<Supporter.Phone> value) {
        return new SupporterFields(firstName, lastName, middleName, suffix, prefix, email, emailOptin,
                emailStatus, customId, joinDate, addresses, Change.to(List.copyOf(value)));
    }
}
