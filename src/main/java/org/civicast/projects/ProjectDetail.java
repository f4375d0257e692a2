package org.civicast.projects;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * A project as {@code GET /v1/projects/{id}} and {@code PATCH} answer it: the contract's v1.1
 * object ({@code project_id}, {@code organization_id}; {@code media_ids} always empty, the files
 * being in {@code media_urls}), then Civicast's: {@code smart_encoding}, and the segments and
 * encoding of the message as the estimate measured it.
 */
public record ProjectDetail(
        @JsonProperty("project_id") String projectId,
        @JsonProperty("organization_id") String organizationId,
        String channel,
        @JsonProperty("brand_id") String brandId,
        @JsonProperty("campaign_id") String campaignId,
        @JsonProperty("toll_free_verification_id") String tollFreeVerificationId,
        @JsonProperty("phone_number_ids") List<String> phoneNumberIds,
        String name,
        String status,
        String type,
        String protocol,
        @JsonProperty("message_text") String messageText,
        @JsonProperty("contact_list_ids") List<String> contactListIds,
        @JsonProperty("suppression_list_ids") List<String> suppressionListIds,
        @JsonProperty("media_ids") List<String> mediaIds,
        @JsonProperty("media_urls") List<String> mediaUrls,
        @JsonProperty("link_tracking_enabled") boolean linkTrackingEnabled,
        @JsonProperty("link_tracking_destination_url") String linkTrackingDestinationUrl,
        @JsonProperty("link_tracking_domain_id") String linkTrackingDomainId,
        @JsonProperty("link_tracking_param_field") String linkTrackingParamField,
        @JsonProperty("link_tracking_fallback_url") String linkTrackingFallbackUrl,
        @JsonProperty("opt_out_footer_enabled") boolean optOutFooterEnabled,
        @JsonProperty("ai_survey_analysis_enabled") boolean aiSurveyAnalysisEnabled,
        @JsonProperty("total_recipients") int totalRecipients,
        @JsonProperty("estimated_cost_cents") long estimatedCostCents,
        @JsonProperty("scheduled_at") Instant scheduledAt,
        @JsonProperty("scheduled_timezone") String scheduledTimezone,
        @JsonProperty("pause_reason") String pauseReason,
        @JsonProperty("auto_paused") boolean autoPaused,
        @JsonProperty("daily_cap_bypass") boolean dailyCapBypass,
        @JsonProperty("created_via_api") boolean createdViaApi,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("updated_at") Instant updatedAt,
        @JsonProperty("smart_encoding") boolean smartEncoding,
        @JsonProperty("estimated_segments") int estimatedSegments,
        @JsonProperty("message_encoding") String messageEncoding) {

    static ProjectDetail of(ProjectRow r, List<String> mediaUrls, CostEstimate estimate) {
        ProjectRegistration reg = r.registration();
        ProjectSettings s = r.settings();
        LinkSettings l = s.linkTracking();
        return new ProjectDetail(r.id(), r.organizationId(), reg.channel(), reg.brandId(), reg.campaignId(),
                reg.tollFreeVerificationId(), s.phoneNumberIds(), s.name(), r.status().code(), r.type(), s.protocol(),
                s.messageText(), s.contactListIds(), s.suppressionListIds(), List.of(), mediaUrls, l.enabled(),
                l.destinationUrl(), l.domainId(), l.paramField(), l.fallbackUrl(), s.optOutFooter(), false,
                estimate.recipients(), estimate.costCents(), r.scheduledAt(), r.scheduledTimezone(), r.pauseReason(),
                r.autoPaused(), r.dailyCapBypass(), r.createdViaApi(), r.createdAt(), r.updatedAt(), s.smartEncoding(),
                estimate.segments(), estimate.encoding().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
    }
}
