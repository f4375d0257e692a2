package org.civicast.registry;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A 10DLC campaign as the API shows it: the contract's fields first, then Civicast's. The
 * carrier terms are as stored; null means "derive from the brand's vetting score" (see
 * {@link CarrierTerms} and {@code GET /v1/campaigns/{id}/throughput}).
 */
public record Campaign(
        String id,
        String name,
        @JsonProperty("brand_id") String brandId,
        @JsonProperty("brand_name") String brandName,
        @JsonProperty("org_id") String orgId,
        @JsonProperty("org_name") String orgName,
        @JsonProperty("campaign_status") String campaignStatus,
        String notes,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("use_case") String useCase,
        @JsonProperty("tcr_campaign_id") String tcrCampaignId,
        @JsonProperty("tmobile_daily_cap") Integer tmobileDailyCap,
        @JsonProperty("att_sms_tpm") Integer attSmsTpm,
        @JsonProperty("att_mms_tpm") Integer attMmsTpm,
        @JsonProperty("updated_at") Instant updatedAt) {}
