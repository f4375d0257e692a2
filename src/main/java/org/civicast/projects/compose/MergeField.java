package org.civicast.projects.compose;

/**
 * One merge field of a message: {@code {tag}} or {@code {tag|fallback}}.
 *
 * @param tag      the merge tag, lowercase letters, digits and {@code _}
 * @param fallback the text used when a recipient has no value for the tag; null when none was written
 */
public record MergeField(String tag, String fallback) {
    public boolean hasFallback() {
        return fallback != null;
    }
}
