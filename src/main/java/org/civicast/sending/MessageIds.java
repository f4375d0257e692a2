package org.civicast.sending;

/** A message's public id: {@code msg_} and its row number in base 36, compact for a million rows. */
final class MessageIds {
    private MessageIds() {}

    static String of(long id) {
        return "msg_" + Long.toString(id, 36);
    }

}
