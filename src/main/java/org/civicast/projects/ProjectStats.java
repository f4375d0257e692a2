package org.civicast.projects;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A project's results, the contract's v1.1 answer of {@code GET /v1/projects/{id}/stats}: the
 * production counters in {@code metrics}, test sends apart in {@code test} (where {@code sent}
 * holds only tests still awaiting an outcome).
 */
public record ProjectStats(
        @JsonProperty("project_id") String projectId,
        String status,
        @JsonProperty("as_of") Instant asOf,
        Metrics metrics,
        Test test) {

    public record Metrics(long sent, long delivered, long undeliverable, @JsonProperty("clicks_total") long clicksTotal,
                          @JsonProperty("clicks_unique") long clicksUnique, long replies,
                          @JsonProperty("opt_outs") long optOuts) {}

    public record Test(long sent, long delivered, long failed, long replies,
                       @JsonProperty("clicks_total") long clicksTotal,
                       @JsonProperty("clicks_unique") long clicksUnique) {}
}
