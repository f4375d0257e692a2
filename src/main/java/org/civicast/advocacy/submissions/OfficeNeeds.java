package org.civicast.advocacy.submissions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.civicast.advocacy.delivery.ChannelChooser;
import org.civicast.advocacy.delivery.ConstituentField;
import org.civicast.advocacy.delivery.DeliveryChannel;
import org.civicast.advocacy.delivery.EmailChannel;
import org.civicast.advocacy.delivery.Letter;
import org.civicast.advocacy.delivery.Office;
import org.civicast.advocacy.delivery.RecordOnlyChannel;
import org.civicast.advocacy.delivery.Requirement;
import org.civicast.congress.CongressService;
import org.civicast.congress.ContactForm;

/**
 * What each target office still needs from a supporter: what the channel that will carry the
 * letter requires (CWC's prefix list and topic, say), and for offices reached another way, what
 * their contact form insists on (its prefix list, a phone, ZIP+4, its own topic list).
 */
final class OfficeNeeds {
    private static final Map<ConstituentField, String> FORM_NAMES = Map.ofEntries(
            Map.entry(ConstituentField.PREFIX, "prefix"), Map.entry(ConstituentField.FIRST_NAME, "firstname"),
            Map.entry(ConstituentField.LAST_NAME, "lastname"), Map.entry(ConstituentField.ADDRESS, "street"),
            Map.entry(ConstituentField.CITY, "city"), Map.entry(ConstituentField.STATE, "state"),
            Map.entry(ConstituentField.ZIP5, "zipcode"), Map.entry(ConstituentField.ZIP4, "zipplus"),
            Map.entry(ConstituentField.PHONE, "phone"), Map.entry(ConstituentField.EMAIL, "email"),
            Map.entry(ConstituentField.TOPIC, "topic"), Map.entry(ConstituentField.SUBJECT, "subject"),
            Map.entry(ConstituentField.MESSAGE, "message"));

    private final ChannelChooser channels;
    private final CongressService congress;

    OfficeNeeds(ChannelChooser channels, CongressService congress) {
        this.channels = channels;
        this.congress = congress;
    }

    /**
     * The needs of the office the letter goes to. {@code topicChoice} is the office's form topic
     * already chosen for this campaign, if any.
     */
    List<Need> of(Letter letter, Submitted supporter, Optional<String> topicChoice) {
        Map<String, Need> needs = new LinkedHashMap<>();
        DeliveryChannel channel = channels.choose(letter.office());
        for (Requirement r : channel.requirements(letter.office()).unmet(letter)) {
            if (!r.required()) continue;
            needs.putIfAbsent(FORM_NAMES.get(r.field()), new Need(FORM_NAMES.get(r.field()), true, r.options()));
        }
        String bioguide = letter.office().bioguideId();
        boolean byForm = channel.name().equals(RecordOnlyChannel.NAME) || channel.name().equals(EmailChannel.NAME);
        if (bioguide != null && byForm) {
            congress.contactForm(bioguide).filter(f -> !f.throughCwc())
                    .ifPresent(form -> formNeeds(form, supporter, topicChoice).forEach(n -> needs.putIfAbsent(n.field(), n)));
        }
        return new ArrayList<>(needs.values());
    }

    /**
     * Whether the office's needs depend on a topic chosen for the campaign: it is reached by its
     * contact form's route, and that form insists on a topic from its own list.
     */
    boolean usesTopicChoice(Office office) {
        if (office.bioguideId() == null) return false;
        DeliveryChannel channel = channels.choose(office);
        boolean byForm = channel.name().equals(RecordOnlyChannel.NAME) || channel.name().equals(EmailChannel.NAME);
        return byForm && congress.contactForm(office.bioguideId()).filter(f -> !f.throughCwc())
                .flatMap(f -> f.field("$TOPIC")).filter(ContactForm.Field::required).filter(ContactForm.Field::choice)
                .isPresent();
    }

    /** The form field a supporter posts an office's topic in. */
    static String topicField(String bioguide) {
        return "topic_" + bioguide;
    }

    private static List<Need> formNeeds(ContactForm form, Submitted s, Optional<String> topicChoice) {
        List<Need> needs = new ArrayList<>();
        form.field("$NAME_PREFIX").filter(ContactForm.Field::required).ifPresent(f -> {
            List<String> options = values(f);
            if (s.get("prefix") == null || (!options.isEmpty() && !options.contains(s.get("prefix")))) {
                needs.add(new Need("prefix", true, options));
            }
        });
        form.field("$PHONE").filter(ContactForm.Field::required)
                .filter(f -> s.get("phone") == null).ifPresent(f -> needs.add(new Need("phone", true, List.of())));
        form.field("$ADDRESS_ZIP4").or(() -> form.field("$ADDRESS_ZIP_PLUS_4")).filter(ContactForm.Field::required)
                .filter(f -> s.zip4() == null).ifPresent(f -> needs.add(new Need("zipplus", true, List.of())));
        form.field("$TOPIC").filter(ContactForm.Field::required).filter(ContactForm.Field::choice).ifPresent(f -> {
            String field = topicField(form.bioguide());
            String chosen = topicChoice.orElse(s.get(field));
            if (chosen == null || !values(f).contains(chosen)) needs.add(new Need(field, true, values(f)));
        });
        return needs;
    }

    private static List<String> values(ContactForm.Field f) {
        return f.options().stream().map(ContactForm.Option::value).toList();
    }
}
