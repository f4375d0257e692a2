package org.civicast.projects;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The answer of create and copy (the contract's v1.1 {@code CreateProjectResult} of a broadcast). */
public record ProjectCreated(
        @JsonProperty("project_id") String projectId,
        String name,
        String type,
        String status,
        String channel,
        @JsonProperty("created_via_api") boolean createdViaApi,
        @JsonProperty("estimated_cost_cents") long estimatedCostCents,
        @JsonProperty("total_recipients") int totalRecipients,
        Completeness completeness) {

    /** What a project still lacks before it can be tested: a list, a message, a sending number. */
    public record Completeness(
            @JsonProperty("has_list") boolean hasList,
            @JsonProperty("has_message") boolean hasMessage,
            @JsonProperty("has_phone_number") boolean hasPhoneNumber,
            @JsonProperty("ready_to_test") boolean readyToTest) {

        static Completeness of(ProjectSettings s) {
            boolean list = !s.contactListIds().isEmpty();
            boolean message = !s.messageText().isBlank();
            boolean number = !s.phoneNumberIds().isEmpty();
            return new Completeness(list, message, number, list && message && number);
        }
    }

    static ProjectCreated of(ProjectRow r, CostEstimate estimate) {
        return new ProjectCreated(r.id(), r.settings().name(), r.type(), r.status().code(), r.registration().channel(),
                r.createdViaApi(), estimate.costCents(), estimate.recipients(), Completeness.of(r.settings()));
    }
}
