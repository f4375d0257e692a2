package org.civicast.projects;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** The answer of {@code POST /v1/projects/{id}/schedule}. */
public record ProjectScheduled(
        @JsonProperty("project_id") String projectId,
        String status,
        @JsonProperty("scheduled_at") Instant scheduledAt,
        @JsonProperty("scheduled_timezone") String scheduledTimezone,
        @JsonProperty("daily_cap_bypass") boolean dailyCapBypass) {}
