package org.civicast.contacts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;

/**
 * One contact list with its import's progress and counters and its line-type analysis.
 * {@code phone_column}, {@code merge_tags} and {@code rejected_rows} are Civicast's additions.
 */
public record ContactListDetail(
        @JsonProperty("list_id") String listId,
        String name,
        @JsonProperty("brand_id") String brandId,
        @JsonProperty("organization_id") String organizationId,
        @JsonProperty("imported_via_api") boolean importedViaApi,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("phone_column") String phoneColumn,
        @JsonProperty("merge_tags") Map<String, Object> mergeTags,
        @JsonProperty("import") Import importSection,
        Analysis analysis,
        @JsonProperty("rejected_rows") String rejectedRows) {

    /** The import: counters are null until the list is ready; {@code error} says why a failed one failed. */
    public record Import(
            String status,
            int progress,
            @JsonProperty("total_rows") Integer totalRows,
            @JsonProperty("total_contacts") Integer totalContacts,
            @JsonProperty("clean_contacts") Integer cleanContacts,
            @JsonProperty("duplicate_count") Integer duplicateCount,
            @JsonProperty("bad_number_count") Integer badNumberCount,
            @JsonProperty("opted_out_count") Integer optedOutCount,
            @JsonProperty("processing_started_at") Instant processingStartedAt,
            @JsonProperty("processing_completed_at") Instant processingCompletedAt,
            String error) {}

    /** The line-type analysis; the breakdown appears once a number has been analysed. */
    public record Analysis(
            String status,
            @JsonProperty("analyzed_numbers") int analyzedNumbers,
            @JsonInclude(JsonInclude.Include.NON_NULL) Breakdown breakdown,
            @JsonProperty("started_at") Instant startedAt,
            @JsonProperty("completed_at") Instant completedAt,
            String error) {}

    public record Breakdown(int mobile, int landline, int voip, int invalid) {}
}
