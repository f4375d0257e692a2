package org.civicast.registry;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.util.List;

/** One toll-free verification in full: the list fields, its numbers, and why it was rejected. */
public record TollFreeVerificationDetail(
        @JsonUnwrapped TollFreeVerification verification,
        @JsonProperty("phone_number_ids") List<String> phoneNumberIds,
        @JsonProperty("rejection_reason") String rejectionReason,
        @JsonProperty("updated_at") Instant updatedAt) {

    public String orgId() {
        return verification.orgId();
    }

    TollFreeVerificationDetail withPhoneNumberIds(List<String> ids) {
        return new TollFreeVerificationDetail(verification.withPhoneNumberCount(ids.size()), List.copyOf(ids),
                rejectionReason, updatedAt);
    }
}
