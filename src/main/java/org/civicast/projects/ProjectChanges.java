package org.civicast.projects;

import java.util.List;
import org.civicast.platform.http.Change;

/** What a PATCH sends; each property left out keeps its value, and a nullable one sent as null is cleared. */
record ProjectChanges(Change<String> name, Change<String> protocol, Change<String> messageText,
                      Change<List<String>> phoneNumberIds, Change<List<String>> contactListIds,
                      Change<List<String>> suppressionListIds, Change<List<String>> mediaIds,
                      Change<Boolean> linkTrackingEnabled, Change<String> linkTrackingDestinationUrl,
                      Change<String> linkTrackingDomainId, Change<String> linkTrackingParamField,
                      Change<String> linkTrackingFallbackUrl, Change<Boolean> optOutFooter,
                      Change<Boolean> smartEncoding) {

    ProjectSettings applyTo(ProjectSettings s) {
        LinkSettings l = s.linkTracking();
        LinkSettings link = new LinkSettings(linkTrackingEnabled.or(l.enabled()),
                linkTrackingDestinationUrl.or(l.destinationUrl()), linkTrackingDomainId.or(l.domainId()),
                linkTrackingParamField.or(l.paramField()), linkTrackingFallbackUrl.or(l.fallbackUrl()));
        return new ProjectSettings(name.or(s.name()), protocol.or(s.protocol()), messageText.or(s.messageText()),
                phoneNumberIds.or(s.phoneNumberIds()), contactListIds.or(s.contactListIds()),
                suppressionListIds.or(s.suppressionListIds()), mediaIds.or(s.mediaIds()), link,
                optOutFooter.or(s.optOutFooter()), smartEncoding.or(s.smartEncoding()));
    }
}
