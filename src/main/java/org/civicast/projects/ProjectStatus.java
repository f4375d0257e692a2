package org.civicast.projects;

import java.util.Arrays;
import java.util.Locale;

/**
 * Where a project is in its life. Which status follows which is {@link ProjectTransitions}' table,
 * and nowhere else.
 */
public enum ProjectStatus {
    /** Being composed; created so, and back here when what recipients see changes after a test. */
    DRAFT,
    /** A test was sent of the message as it stands. */
    AWAITING_TEST,
    /** Waiting for its time; the sending engine starts it. */
    SCHEDULED,
    /** The sending engine is sending it. */
    SENDING,
    /** Stopped for a reason ({@link PauseReason}) until resumed or scheduled again. */
    PAUSED,
    /** Every recipient has been sent to. */
    COMPLETED;

    /** As the API and the database write it: {@code awaiting_test}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ProjectStatus of(String code) {
        return Arrays.stream(values()).filter(s -> s.code().equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no project status " + code));
    }

    /** Whether PATCH may change the project: only before it is scheduled. */
    public boolean editable() {
        return this == DRAFT || this == AWAITING_TEST;
    }

    @Override
    public String toString() {
        return code();
    }
}
