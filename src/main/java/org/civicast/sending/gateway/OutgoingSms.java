package org.civicast.sending.gateway;

import java.util.List;

/**
 * One message to hand over: Civicast's id for it, the sending number and the recipient (E.164),
 * the text, and media URLs for an MMS (empty for SMS).
 */
public record OutgoingSms(String messageId, String from, String to, String body, List<String> mediaUrls) {
    public OutgoingSms {
        mediaUrls = List.copyOf(mediaUrls);
    }
}
