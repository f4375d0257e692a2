package org.civicast.advocacy.supporters;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A supporter as the advocacy API shows one: Rally Congress's supporter object, with the House
 * district of the first address's ZIP code and the join date beside it. The first address is the
 * supporter's primary one: the district and the {@code city}, {@code state} and {@code zipCode}
 * searches read it.
 *
 * @param congressDistrict {@code NY21}, or {@code AK0} for an at-large seat; null when the first
 *                         address has no ZIP code or its ZIP code spans districts or is unknown
 */
public record Supporter(
        String id,
        String firstName,
        String lastName,
        String middleName,
        String suffix,
        String prefix,
        String email,
        String emailOptin,
        String emailStatus,
        String customId,
        List<Address> addresses,
        List<Phone> phones,
        String congressDistrict,
        LocalDate joinDate,
        Instant createdAt,
        Instant updatedAt) {

    public static final List<String> EMAIL_OPTINS = List.of("not_collected", "no", "yes", "pending", "unsubscribed",
            "spam");
    public static final List<String> EMAIL_STATUSES = List.of("unknown", "validated", "opened", "hard_bounce",
            "soft_bounce", "dns_fail");
    public static final List<String> ADDRESS_TYPES = List.of("home", "work", "vacation", "school", "unknown");

    /** One postal address; {@code state} is a USPS code, {@code zipcode} 5 digits, {@code zipplus} 4. */
    public record Address(String addressType, String street1, String street2, String street3, String city,
                          String state, String zipcode, String zipplus) {}

    /**
     * One telephone number, as the supporter gave it.
     *
     * @param addressIndex the zero-based position in {@code addresses} of the address this phone
     *                     belongs to (a home or office line), or null when it belongs to none
     */
    public record Phone(String telephone, Integer addressIndex) {}

    /** The values a write starts from: this supporter's. */
    SupporterValues values() {
        return new SupporterValues(firstName, lastName, middleName, suffix, prefix, email, emailOptin, emailStatus,
                customId, joinDate, addresses, phones);
    }
}
