package org.civicast.projects;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/** A project as {@code GET /v1/projects} lists it (the contract's v1.1 item); {@code protocol} is Civicast's addition. */
public record ProjectItem(
        String id,
        String name,
        String type,
        String status,
        String channel,
        @JsonProperty("campaign_id") String campaignId,
        @JsonProperty("campaign_name") String campaignName,
        @JsonProperty("brand_id") String brandId,
        @JsonProperty("brand_name") String brandName,
        @JsonProperty("toll_free_verification_id") String tollFreeVerificationId,
        @JsonProperty("contact_list_ids") List<String> contactListIds,
        @JsonProperty("org_id") String orgId,
        @JsonProperty("org_name") String orgName,
        @JsonProperty("message_text") String messageText,
        @JsonProperty("created_at") Instant createdAt,
        String protocol) {

    static ProjectItem of(ProjectRow r) {
        ProjectRegistration reg = r.registration();
        return new ProjectItem(r.id(), r.settings().name(), r.type(), r.status().code(), reg.channel(),
                reg.campaignId(), r.campaignName(), reg.brandId(), r.brandName(), reg.tollFreeVerificationId(),
                r.settings().contactListIds(), r.organizationId(), r.orgName(), r.settings().messageText(),
                r.createdAt(), r.settings().protocol());
    }
}
