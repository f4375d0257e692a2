package org.civicast.media;

/**
 * A file that cannot become a media file whatever is tried again: its message is the
 * {@code failure_reason} shown to the client, written for a person who can fix the file or URL.
 */
final class MediaRefused extends Exception {
    MediaRefused(String reason) {
        super(reason, null, false, false);
    }
}
