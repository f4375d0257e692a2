package org.civicast.registry;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A brand as the API shows it: the contract's fields first, then Civicast's registration
 * details. {@code campaign_verify_token} is only a hint of the token (see
 * {@link CampaignVerifyTokens}); the token itself is stored encrypted and never shown.
 */
public record Brand(
        String id,
        @JsonProperty("brand_name") String brandName,
        @JsonProperty("org_id") String orgId,
        @JsonProperty("org_name") String orgName,
        @JsonProperty("tcr_brand_id") String tcrBrandId,
        String status,
        @JsonProperty("identity_status") String identityStatus,
        String notes,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("entity_type") String entityType,
        String ein,
        String vertical,
        @JsonProperty("vetting_score") Integer vettingScore,
        @JsonProperty("campaign_verify_token") String campaignVerifyToken,
        @JsonProperty("updated_at") Instant updatedAt) {

    /** True when the brand holds a Campaign Verify token (the masked value stands in for it). */
    boolean campaignVerified() {
        return campaignVerifyToken != null;
    }
}
