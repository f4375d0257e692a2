package org.civicast.projects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How the carriers will let a project go out ({@code GET /v1/projects/{id}/throughput}, contract
 * §7.13): its campaign's terms applied to its audience. {@code recipients} and
 * {@code carrier_coverage} (the share of recipients whose carrier an analysis found) only when
 * the campaign is carrier-metered.
 */
public record ProjectThroughput(
        @JsonProperty("project_id") String projectId,
        @JsonProperty("carrier_metered") boolean carrierMetered,
        @JsonProperty("t_mobile") TMobile tMobile,
        Att att,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer recipients,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("carrier_coverage") Double carrierCoverage) {

    /**
     * T-Mobile's daily cap for the brand and what this project would use of it: its T-Mobile
     * recipients, whether it would reach the cap (and pause) and over how many Pacific days it runs.
     */
    public record TMobile(
            @JsonProperty("daily_cap") Integer dailyCap,
            @JsonProperty("used_today") Integer usedToday,
            @JsonProperty("remaining_today") Integer remainingToday,
            @JsonProperty("estimated_recipients") int estimatedRecipients,
            @JsonProperty("will_pause") boolean willPause,
            @JsonProperty("estimated_send_days") int estimatedSendDays) {}

    /** AT&T's rate for the campaign (SMS or MMS, as the project sends) and how long its AT&T recipients take. */
    public record Att(
            Integer tpm,
            @JsonProperty("estimated_recipients") int estimatedRecipients,
            @JsonProperty("estimated_minutes") Integer estimatedMinutes) {}
}
