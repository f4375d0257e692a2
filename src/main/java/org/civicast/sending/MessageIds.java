package org.civicast.sending;

/** A message's public id: {@code msg_} and its row number in base 36, compact for a million rows. */
final class MessageIds {
    private MessageIds() {}

    static String of(long id) {
        return "msg_" + Long.toString(id, 36);
    }

    static long parse(String messageId) {
        if (!messageId.startsWith("msg_")) throw new IllegalArgumentException("not a message id: " + messageId);
        return Long.parseLong(messageId.substring(4), 36);
    }
}
