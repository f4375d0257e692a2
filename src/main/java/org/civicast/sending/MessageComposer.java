package org.civicast.sending;

/** Writes a project's message for one recipient: the text with merge fields filled, and its segments. */
@FunctionalInterface
public interface MessageComposer {
    /** The message as it goes out; {@code link} is the recipient's tracked link, or null without tracking. */
    Composed compose(Recipient recipient, String link);

    record Composed(String text, int segments, String encoding) {}
}
