package org.civicast.advocacy.submissions;

import java.util.List;

/**
 * Something a target office needs before a letter can go: the form field to post it in (with the
 * submission's id), whether the office insists on it, and the values it accepts when it has a list.
 */
record Need(String field, boolean required, List<String> options) {
    Need {
        options = options == null ? List.of() : List.copyOf(options);
    }
}
