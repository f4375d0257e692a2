package org.civicast.advocacy.campaigns;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One field of an action's form, as the Rally API describes an HTML form: its name (the POST
 * parameter), label, input type, whether it is required, and the options of a choice.
 */
public record FormField(String name, String label, String type,
                        @JsonProperty("isRequired") boolean isRequired, List<String> options) {
    public static final List<String> TYPES = List.of("text", "textarea", "email", "select", "checkbox");

    public FormField {
        options = options == null ? List.of() : List.copyOf(options);
    }

    static FormField text(String name, String label, boolean required) {
        return new FormField(name, label, "text", required, List.of());
    }

    static FormField textarea(String name, String label, boolean required) {
        return new FormField(name, label, "textarea", required, List.of());
    }

    static FormField email(String name, String label, boolean required) {
        return new FormField(name, label, "email", required, List.of());
    }

    static FormField choice(String name, String label, boolean required, List<String> options) {
        return new FormField(name, label, "select", required, options);
    }
}
