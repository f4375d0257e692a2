package org.civicast.projects;

import java.time.Instant;
import java.util.List;
import org.civicast.links.LinkTracking;
import org.civicast.projects.compose.Composer;
import org.civicast.projects.compose.MessageTemplate;

/**
 * Everything the sending engine needs to send a project, read in one piece by
 * {@link ProjectLifecycle#sendPlan}. Recipients come from {@code contactListIds} less
 * {@code suppressionListIds}, compiled with {@code org.civicast.contacts.Audience#select}; each
 * message is {@link #composer()}'s body for the recipient's values (tag → value, {@code link} the
 * recipient's tracked link).
 *
 * @param numbers      the sending numbers that still exist, in the project's order, with their status
 *                     now (the engine sends only from {@code active} ones)
 * @param mediaUrls    the public URLs of the ready media files, under CIVICAST_PUBLIC_BASE_URL (none
 *                     when it is not set: carriers could not fetch them)
 * @param linkTracking the link tracking, as {@code org.civicast.links.ShortLinks} issues links by;
 *                     null when the project has none
 */
public record SendPlan(
        String projectId,
        String name,
        String organizationId,
        ProjectStatus status,
        String channel,
        String brandId,
        String campaignId,
        String tollFreeVerificationId,
        List<Sender> numbers,
        String protocol,
        String messageText,
        List<String> mediaIds,
        List<String> mediaUrls,
        LinkTracking linkTracking,
        List<String> contactListIds,
        List<String> suppressionListIds,
        boolean optOutFooter,
        boolean smartEncoding,
        Instant scheduledAt,
        String scheduledTimezone,
        boolean dailyCapBypass) {

    /** One sending number: its id and its number in E.164. */
    public record Sender(String phoneNumberId, String number, String status) {}

    public MessageTemplate template() {
        return MessageTemplate.parse(messageText);
    }

    /** The message as each recipient gets it: footer and smart encoding as the project says. */
    public Composer composer() {
        return new Composer(template(), optOutFooter, smartEncoding);
    }
}
