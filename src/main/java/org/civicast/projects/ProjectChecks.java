package org.civicast.projects;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.civicast.contacts.ContactListService;
import org.civicast.links.TrackingDomainService;
import org.civicast.media.MediaService;
import org.civicast.numbers.PhoneNumber;
import org.civicast.numbers.PhoneNumberService;
import org.civicast.orgs.Organization;
import org.civicast.platform.auth.Principal;
import org.civicast.platform.http.ApiException;
import org.civicast.platform.http.ErrorCode;
import org.civicast.projects.compose.MergeField;
import org.civicast.projects.compose.MessageTemplate;
import org.civicast.projects.compose.TemplateException;

/**
 * Whether a project's settings may be sent as they stand, asked of the features that own what it
 * names: its numbers, lists, media and tracking domain. Checked on create, on every PATCH (on the
 * project as it would be after it), on copy and again on schedule, since what a project names may
 * have changed since. The first problem found is the answer, naming the field at fault.
 */
final class ProjectChecks {
    static final String ACTIVE = "active";

    private final PhoneNumberService numbers;
    private final ContactListService lists;
    private final MediaService media;
    private final TrackingDomainService domains;

    ProjectChecks(PhoneNumberService numbers, ContactListService lists, MediaService media,
                  TrackingDomainService domains) {
        this.numbers = numbers;
        this.lists = lists;
        this.media = media;
        this.domains = domains;
    }

    /** Checks everything; answers the message's template. */
    MessageTemplate check(Principal principal, Organization org, ProjectRegistration reg, ProjectSettings s) {
        numbers(principal, org, reg, s.phoneNumberIds());
        distinct("contact_list_ids", s.contactListIds(), "contact list");
        distinct("suppression_list_ids", s.suppressionListIds(), "contact list");
        lists.requireSendable(principal, org.id(), s.contactListIds(), "contact_list_ids");
        lists.requireSendable(principal, org.id(), s.suppressionListIds(), "suppression_list_ids");
        for (String id : s.suppressionListIds()) {
            if (s.contactListIds().contains(id)) {
                throw ApiException.validation("suppression_list_ids", "contact list " + id
                        + " is also in contact_list_ids: a list cannot be sent to and suppressed");
            }
        }
        if (!s.mediaIds().isEmpty() && !s.mms()) {
            throw ApiException.validation("media_ids", "only an mms project carries media; set protocol to mms");
        }
        distinct("media_ids", s.mediaIds(), "media file");
        media.requireAttachable(principal, org.id(), reg.brandId(), s.mediaIds(), "media_ids");
        Map<String, Set<String>> tags = lists.mergeTags(s.contactListIds());
        LinkRules.check(s.linkTracking());
        if (s.linkTracking().enabled()) {
            if (domains.usableBy(org.id(), org.path(), s.linkTracking().domainId()).isEmpty()) {
                throw ApiException.validation("link_tracking_domain_id", "names no active tracking domain of "
                        + "this organization, nor one an ancestor shares with it");
            }
            String field = s.linkTracking().paramField();
            if (field != null && !field.equals("phone") && !tags.isEmpty() && !filledBySome(tags, field)) {
                throw ApiException.validation("link_tracking_param_field", "'" + field + "' is neither phone nor a "
                        + "merge tag of the contact lists");
            }
        }
        return template(s, tags);
    }

    /** The message's template, every tag of it known; see docs/projects.md for the rules. */
    private static MessageTemplate template(ProjectSettings s, Map<String, Set<String>> tags) {
        MessageTemplate template;
        try {
            template = MessageTemplate.parse(s.messageText());
        } catch (TemplateException e) {
            throw ApiException.validation("message_text", e.getMessage());
        }
        boolean link = s.linkTracking().enabled();
        for (MergeField f : template.fields()) {
            String tag = f.tag();
            if (tag.equals(MessageTemplate.LINK)) {
                if (!link) {
                    throw ApiException.validation("message_text", "{link} is where the tracked link goes: "
                            + "enable link tracking (link_tracking_enabled) or remove it");
                }
                if (f.hasFallback()) throw ApiException.validation("message_text", "{link} takes no fallback");
                continue;
            }
            if (tag.equals("phone")) continue;
            boolean standard = MessageTemplate.STANDARD_TAGS.contains(tag);
            if (tags.isEmpty()) continue; // no lists yet: checked when lists are attached
            if (!standard && !filledBySome(tags, tag)) {
                throw ApiException.validation("message_text", "unknown merge tag {" + tag + "}: neither a standard tag ("
                        + String.join(", ", MessageTemplate.STANDARD_TAGS) + ") nor a merge tag of the contact lists");
            }
            if (!f.hasFallback()) {
                for (var list : tags.entrySet()) {
                    if (!list.getValue().contains(tag)) {
                        throw ApiException.validation("message_text", "{" + tag + "} has no value in contact list "
                                + list.getKey() + ", whose recipients would get a blank: give it a fallback, such as {"
                                + tag + "|…}, or send to lists that fill it");
                    }
                }
            }
        }
        if (link && !template.uses(MessageTemplate.LINK)) {
            throw ApiException.validation("message_text", "must contain {link}, where the tracked link goes, "
                    + "when link tracking is enabled");
        }
        return template;
    }

    private static boolean filledBySome(Map<String, Set<String>> tags, String tag) {
        return tags.values().stream().anyMatch(t -> t.contains(tag));
    }

    private void numbers(Principal principal, Organization org, ProjectRegistration reg, List<String> ids) {
        String field = "phone_number_ids";
        distinct(field, ids, "phone number");
        for (String id : ids) {
            PhoneNumber n;
            try {
                n = numbers.require(principal, id);
            } catch (ApiException e) {
                if (e.code() != ErrorCode.NOT_FOUND) throw e;
                throw ApiException.validation(field, "names phone number " + id + ", which does not exist");
            }
            if (!n.orgId().equals(org.id())) {
                throw ApiException.validation(field, "phone number " + id + " belongs to another organization");
            }
            if (!n.channel().equals(reg.channel())) {
                throw ApiException.validation(field, "phone number " + id + " is a " + n.channel()
                        + " number; this project sends on " + reg.channel());
            }
            if (reg.tenDlc() && !reg.campaignId().equals(n.campaignId())) {
                throw ApiException.validation(field, "phone number " + id + " is not attached to campaign "
                        + reg.campaignId());
            }
            if (!reg.tenDlc() && !reg.tollFreeVerificationId().equals(n.tollFreeVerificationId())) {
                throw ApiException.validation(field, "phone number " + id + " is not attached to toll-free verification "
                        + reg.tollFreeVerificationId());
            }
            if (!ACTIVE.equals(n.status())) {
                throw ApiException.validation(field, "phone number " + id + " is " + n.status() + ", not active");
            }
        }
    }

    private static void distinct(String field, List<String> ids, String what) {
        Set<String> seen = new HashSet<>();
        for (String id : ids) {
            if (!seen.add(id)) throw ApiException.validation(field, "names " + what + " " + id + " twice");
        }
    }
}
