package org.civicast.advocacy.delivery;

import java.util.List;

/**
 * What a channel needs of one field: whether it must be given, and the values it may take
 * (empty: any text). A missing optional field is never a problem; a given one outside the options is.
 */
public record Requirement(ConstituentField field, boolean required, List<String> options) {
    public Requirement {
        options = options == null ? List.of() : List.copyOf(options);
    }

    public static Requirement required(ConstituentField field) {
        return new Requirement(field, true, List.of());
    }

    public static Requirement required(ConstituentField field, List<String> options) {
        return new Requirement(field, true, options);
    }

    public static Requirement optional(ConstituentField field) {
        return new Requirement(field, false, List.of());
    }

    /** Whether the letter satisfies this requirement. */
    public boolean metBy(Letter letter) {
        String value = field.valueIn(letter);
        if (!ConstituentField.present(value)) return !required;
        return options.isEmpty() || options.contains(value.strip());
    }
}
