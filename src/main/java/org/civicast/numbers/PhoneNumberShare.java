package org.civicast.numbers;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** An ancestor organization lending one of its numbers to a descendant, under a nickname. */
public record PhoneNumberShare(
        @JsonProperty("phone_number_id") String phoneNumberId,
        @JsonProperty("organization_id") String organizationId,
        String nickname,
        @JsonProperty("created_at") Instant createdAt) {}
