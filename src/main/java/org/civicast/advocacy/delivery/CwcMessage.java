package org.civicast.advocacy.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A letter as a CWC 2.0 XML document, with the problems that would make the receiver refuse it.
 * Both chambers take the same document; they differ in the prefixes, office codes and bill-type
 * spellings they accept.
 *
 * <p>{@code DeliveryId} is derived from the letter's delivery id, so every attempt at one delivery
 * carries the same id and the receiver can tell a repeat from a new letter. {@code CampaignId} is
 * derived the same way from the campaign id.
 */
public final class CwcMessage {
    private static final Pattern UID = Pattern.compile("[A-Za-z0-9]{32}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");
    private static final Pattern PHONE = Pattern.compile("\\d{3}-\\d{3}-\\d{4}");
    private static final Pattern ZIP = Pattern.compile("\\d{5}(-\\d{4})?");
    private static final Pattern HOUSE_OFFICE = Pattern.compile("H[A-Z]{2}\\d{2}");
    private static final Pattern SENATE_OFFICE = Pattern.compile("S[A-Z]{2}\\d{1,2}");
    private static final Pattern URL = Pattern.compile("https?://\\S+");
    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private final String deliveryId;
    private final String xml;
    private final List<String> problems;

    private CwcMessage(String deliveryId, String xml, List<String> problems) {
        this.deliveryId = deliveryId;
        this.xml = xml;
        this.problems = List.copyOf(problems);
    }

    /** The document for a letter to a House or Senate office, dated {@code date} (Eastern time). */
    public static CwcMessage of(Letter letter, CwcAgent agent, LocalDate date, Chamber chamber) {
        if (chamber == Chamber.OTHER) throw new IllegalArgumentException("CWC serves the House and the Senate");
        return new Builder(letter, agent, chamber).build(date);
    }

    /** The 32-letter {@code DeliveryId} this letter is sent under. */
    public String deliveryId() {
        return deliveryId;
    }

    public String xml() {
        return xml;
    }

    /** Why the receiver would refuse the document; empty when it is fit to send. */
    public List<String> problems() {
        return problems;
    }

    /** 32 hexadecimal digits standing for any id: stable, and of the form CWC ids take. */
    static String uid(String source) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(source.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A phone number as {@code xxx-xxx-xxxx}, or null when it is not a ten-digit US number. */
    static String phone(String raw) {
        if (raw == null) return null;
        String digits = raw.replaceAll("\\D", "");
        if (digits.length() == 11 && digits.startsWith("1")) digits = digits.substring(1);
        if (digits.length() != 10) return null;
        return digits.substring(0, 3) + "-" + digits.substring(3, 6) + "-" + digits.substring(6);
    }

    private static final class Builder {
        private final Letter letter;
        private final CwcAgent agent;
        private final Chamber chamber;
        private final XmlWriter out = new XmlWriter();
        private final List<String> problems = new ArrayList<>();

        Builder(Letter letter, CwcAgent agent, Chamber chamber) {
            this.letter = letter;
            this.agent = agent;
            this.chamber = chamber;
        }

        CwcMessage build(LocalDate date) {
            String deliveryId = uid(letter.deliveryId());
            out.open("CWC");
            out.element("CWCVersion", "2.0");
            delivery(deliveryId, date);
            recipient();
            constituent();
            message();
            out.close("CWC");
            return new CwcMessage(deliveryId, out.toString(), problems);
        }

        private void delivery(String deliveryId, LocalDate date) {
            out.open("Delivery");
            required("DeliveryId", deliveryId, UID, "32 letters and digits");
            out.element("DeliveryDate", date.format(DATE));
            required("DeliveryAgent", agent.name());
            required("DeliveryAgentAckEmailAddress", agent.ackEmail(), EMAIL, "an email address");
            out.open("DeliveryAgentContact");
            required("DeliveryAgentContactName", agent.contactName());
            required("DeliveryAgentContactEmail", agent.contactEmail(), EMAIL, "an email address");
            required("DeliveryAgentContactPhone", agent.contactPhone(), PHONE, "a phone number as xxx-xxx-xxxx");
            out.close("DeliveryAgentContact");
            SendingOrganization org = letter.organization();
            if (org != null) {
                optional("Organization", org.name());
                String phone = phone(org.contactPhone());
                if (given(org.contactName()) || given(org.contactEmail()) || phone != null) {
                    out.open("OrganizationContact");
                    optional("OrganizationContactName", org.contactName());
                    optional("OrganizationContactEmail", org.contactEmail(), EMAIL, "an email address");
                    optional("OrganizationContactPhone", phone);
                    out.close("OrganizationContact");
                }
                optional("OrganizationAbout", org.about());
            }
            required("CampaignId", letter.campaignId() == null ? null
                    : UID.matcher(letter.campaignId()).matches() ? letter.campaignId() : uid(letter.campaignId()));
            out.close("Delivery");
        }

        private void recipient() {
            out.open("Recipient");
            Pattern office = chamber == Chamber.HOUSE ? HOUSE_OFFICE : SENATE_OFFICE;
            required("MemberOffice", letter.office().officeCode(), office,
                    chamber == Chamber.HOUSE ? "a House office code such as HVA04" : "a Senate office code such as SVA1");
            out.element("IsResponseRequested", yesNo(letter.message().responseRequested()));
            out.element("NewsletterOptIn", yesNo(letter.message().newsletterOptIn()));
            out.close("Recipient");
        }

        private void constituent() {
            Constituent c = letter.constituent();
            out.open("Constituent");
            List<String> prefixes = chamber == Chamber.HOUSE ? CwcVocabulary.HOUSE_PREFIXES : CwcVocabulary.SENATE_PREFIXES;
            required("Prefix", c.prefix(), prefixes);
            required("FirstName", c.firstName());
            optional("MiddleName", c.middleName());
            required("LastName", c.lastName());
            optional("Suffix", c.suffix());
            List<String> lines = c.addressLines();
            required("Address1", lines.isEmpty() ? null : lines.get(0));
            if (lines.size() > 1) optional("Address2", lines.get(1));
            if (lines.size() > 2) optional("Address3", lines.get(2));
            if (lines.size() > 3) problems.add("Address: at most three address lines, not " + lines.size());
            required("City", c.city());
            required("StateAbbreviation", c.state(), CwcVocabulary.STATES);
            required("Zip", c.zip(), ZIP, "a ZIP code as 12345 or 12345-6789");
            // The phone is optional; one that is not a US number is left out rather than refused.
            optional("Phone", phone(c.phone()));
            required("Email", c.email(), EMAIL, "an email address");
            out.close("Constituent");
        }

        private void message() {
            Message m = letter.message();
            out.open("Message");
            required("Subject", m.subject());
            out.open("LibraryOfCongressTopics");
            required("LibraryOfCongressTopic", m.topic(), CwcVocabulary.TOPICS);
            out.close("LibraryOfCongressTopics");
            if (!m.bills().isEmpty()) {
                out.open("Bills");
                for (Bill bill : m.bills()) {
                    if (bill.congress() < 1 || bill.number() < 1) {
                        problems.add("Bill: congress and number must be positive, not " + bill.congress() + " and "
                                + bill.number());
                    }
                    out.open("Bill");
                    out.element("BillCongress", Integer.toString(bill.congress()));
                    out.element("BillTypeAbbreviation",
                            chamber == Chamber.HOUSE ? bill.type().house() : bill.type().senate());
                    out.element("BillNumber", Integer.toString(bill.number()));
                    out.close("Bill");
                }
                out.close("Bills");
            }
            out.element("ProOrCon", m.stance() == null ? null : m.stance() == Stance.PRO ? "pro" : "con");
            boolean statement = given(m.organizationStatement());
            boolean own = given(m.constituentMessage());
            if (!statement && !own) problems.add("ConstituentMessage or OrganizationStatement: one is required");
            optional("OrganizationStatement", m.organizationStatement());
            optional("ConstituentMessage", m.constituentMessage());
            optional("MoreInfo", m.moreInfo(), URL, "an http(s) URL");
            out.close("Message");
        }

        private void required(String element, String value) {
            if (!given(value)) {
                problems.add(element + ": required");
                out.element(element, "");
            } else {
                out.element(element, value.strip());
            }
        }

        private void required(String element, String value, Pattern format, String what) {
            required(element, value);
            if (given(value) && !format.matcher(value.strip()).matches()) {
                problems.add(element + ": must be " + what + ", not \"" + abbreviate(value) + "\"");
            }
        }

        private void required(String element, String value, List<String> options) {
            required(element, value);
            if (given(value) && !options.contains(value.strip())) {
                problems.add(element + ": \"" + abbreviate(value) + "\" is not one of the accepted values");
            }
        }

        private void optional(String element, String value) {
            if (given(value)) out.element(element, value.strip());
        }

        private void optional(String element, String value, Pattern format, String what) {
            optional(element, value);
            if (given(value) && !format.matcher(value.strip()).matches()) {
                problems.add(element + ": must be " + what + ", not \"" + abbreviate(value) + "\"");
            }
        }

        private static String yesNo(Boolean value) {
            return value == null ? null : value ? "Y" : "N";
        }

        private static boolean given(String value) {
            return value != null && !value.isBlank();
        }

        private static String abbreviate(String value) {
            String v = value.strip();
            return v.length() > 60 ? v.substring(0, 60) + "…" : v;
        }
    }
}
