package org.civicast.advocacy.campaigns;

import java.util.List;
import java.util.Locale;

/**
 * The kinds of action a campaign offers supporters, as the Rally API names them in its URLs, and
 * the form each shows when the campaign adds no fields of its own.
 */
public enum ActionType {
    LETTER(TargetRule.CONGRESS, List.of(
            FormField.choice("prefix", "Prefix", true, List.of()),
            FormField.text("firstname", "First name", true), FormField.text("lastname", "Last name", true),
            FormField.text("street", "Street address", true), FormField.text("city", "City", true),
            FormField.text("state", "State", true), FormField.text("zipcode", "ZIP code", true),
            FormField.text("phone", "Phone", false), FormField.email("email", "Email", true),
            FormField.text("subject", "Subject", true), FormField.textarea("message", "Message", true))),
    PETITION(TargetRule.NONE, List.of(
            FormField.text("firstname", "First name", true), FormField.text("lastname", "Last name", true),
            FormField.email("email", "Email", true), FormField.text("zipcode", "ZIP code", true),
            FormField.textarea("message", "Comment", false))),
    PHONE(TargetRule.CONGRESS, List.of(FormField.text("zipcode", "ZIP code", true),
            FormField.email("email", "Email", false))),
    TWITTER(TargetRule.CONGRESS, List.of(FormField.text("zipcode", "ZIP code", true),
            FormField.email("email", "Email", false))),
    FACEBOOK(TargetRule.CONGRESS, List.of(FormField.text("zipcode", "ZIP code", true),
            FormField.email("email", "Email", false)));

    public static final List<String> WIRE_NAMES = List.of("letter", "petition", "phone", "twitter", "facebook");

    private final TargetRule defaultTargets;
    private final List<FormField> defaultForm;

    ActionType(TargetRule defaultTargets, List<FormField> defaultForm) {
        this.defaultTargets = defaultTargets;
        this.defaultForm = defaultForm;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ActionType fromWire(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    TargetRule defaultTargets() {
        return defaultTargets;
    }

    List<FormField> defaultForm() {
        return defaultForm;
    }
}
