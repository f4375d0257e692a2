package org.civicast.projects;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** What a test send queued: the contract's 202 answer of {@code POST /v1/projects/{id}/test}. */
public record TestSends(
        @JsonProperty("project_id") String projectId,
        String status,
        @JsonProperty("test_messages") List<TestMessage> testMessages) {

    /** One test message, its recipient masked ({@code +1555****100}). */
    public record TestMessage(@JsonProperty("test_message_id") String testMessageId, @JsonProperty("sent_to") String sentTo) {}
}
