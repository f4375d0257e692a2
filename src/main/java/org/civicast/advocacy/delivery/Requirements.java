package org.civicast.advocacy.delivery;

import java.util.List;

/**
 * What a channel needs from a letter to deliver it to an office. The "more information needed"
 * answer is built from {@link #unmet}: each unmet requirement names the field and its options.
 */
public record Requirements(List<Requirement> fields) {
    public static final Requirements NONE = new Requirements(List.of());

    public Requirements {
        fields = List.copyOf(fields);
    }

    public static Requirements of(Requirement... fields) {
        return new Requirements(List.of(fields));
    }

    public List<Requirement> unmet(Letter letter) {
        return fields.stream().filter(requirement -> !requirement.metBy(letter)).toList();
    }
}
