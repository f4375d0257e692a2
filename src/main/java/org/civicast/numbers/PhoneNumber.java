package org.civicast.numbers;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A phone number as one organization sees it. An owned row ({@code shared:false}) shows the
 * owner's campaign, brand and toll-free registration; a shared row repeats a number an ancestor
 * lent to {@code org_id} under {@code nickname}, with the owner's names and {@code brand_id} null.
 */
public record PhoneNumber(
        String id,
        String number,
        String channel,
        @JsonProperty("owner_type") String ownerType,
        @JsonProperty("campaign_id") String campaignId,
        @JsonProperty("campaign_name") String campaignName,
        @JsonProperty("brand_id") String brandId,
        @JsonProperty("brand_name") String brandName,
        @JsonProperty("toll_free_verification_id") String tollFreeVerificationId,
        @JsonProperty("tf_verification_status") String tfVerificationStatus,
        @JsonProperty("toll_free_registration_name") String tollFreeRegistrationName,
        @JsonProperty("toll_free_business_name") String tollFreeBusinessName,
        @JsonProperty("org_id") String orgId,
        @JsonProperty("org_name") String orgName,
        String status,
        @JsonProperty("created_at") Instant createdAt,
        boolean shared,
        String nickname,
        @JsonProperty("updated_at") Instant updatedAt) {}
