package org.civicast.sending;

import java.util.List;
import org.civicast.links.LinkTracking;

/**
 * What the engine needs of a project to send it: who sends (the organization, its brand), through
 * which numbers, to which lists less which, where its tracked links go ({@code linkTracking}, null
 * without tracking), how each message is written, and the limits it goes out within.
 */
public record Broadcast(String projectId, String organizationId, String brandId, List<Sender> senders,
                        boolean mms, List<String> mediaUrls, List<String> listIds, List<String> suppressionIds,
                        LinkTracking linkTracking, MessageComposer composer, Limits limits) {
    public Broadcast {
        senders = List.copyOf(senders);
        mediaUrls = List.copyOf(mediaUrls);
        listIds = List.copyOf(listIds);
        suppressionIds = List.copyOf(suppressionIds);
        if (limits == null) limits = Limits.NONE;
        if (senders.isEmpty()) throw new IllegalArgumentException("a broadcast needs a number to send from");
    }

    /** A sending number: its id and its E.164 form. */
    public record Sender(String id, String number) {}
}
