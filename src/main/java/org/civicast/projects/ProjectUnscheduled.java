package org.civicast.projects;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * The answer of {@code POST /v1/projects/{id}/unschedule}: the status it is in now, and when it was
 * last unscheduled (null for a project never unscheduled, such as a draft never scheduled).
 */
public record ProjectUnscheduled(
        @JsonProperty("project_id") String projectId,
        String status,
        @JsonProperty("unscheduled_at") Instant unscheduledAt) {}
