package org.civicast.sending;

/** A message's public id: {@code msg_} and its row number in base 36, compact for a million rows. */
final class MessageIds {
    private MessageIds() {}

    static String of(long id) {
        return "msg_" + Long.toString(id, 36);
    }

    /** The row number of a message id; null when it is not one. */
    static Long parse(String messageId) {
        if (messageId == null || !messageId.startsWith("msg_")) return null;
        try {
            return Long.parseLong(messageId.substring(4), 36);
        } catch (NumberFormatException e) {
            return null;
        }
    }

}
