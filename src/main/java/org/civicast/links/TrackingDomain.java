package org.civicast.links;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A link-tracking domain owned by one of the key's organizations ({@code source:"own"}). Lists
 * show only active ones; writes answer with this shape whatever the status.
 */
public record TrackingDomain(
        String id,
        String domain,
        String source,
        String status,
        @JsonProperty("verified_at") Instant verifiedAt,
        @JsonProperty("created_at") Instant createdAt,
        String notes,
        @JsonProperty("org_id") String orgId,
        @JsonProperty("org_name") String orgName,
        @JsonProperty("shared_with_descendants") boolean sharedWithDescendants,
        @JsonProperty("updated_at") Instant updatedAt) {

    public static final String OWN = "own";
    public static final String INHERITED = "inherited";

    /** The same domain as a descendant sees it when this one is shared: only id, domain and source. */
    public TrackingDomainInherited inherited() {
        return new TrackingDomainInherited(id, domain, INHERITED);
    }
}
