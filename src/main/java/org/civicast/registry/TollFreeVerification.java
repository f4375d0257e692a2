package org.civicast.registry;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** A toll-free verification as the contract's list shows it. Status keeps the carrier's casing. */
public record TollFreeVerification(
        String id,
        String name,
        String status,
        @JsonProperty("verification_request_id") String verificationRequestId,
        @JsonProperty("org_id") String orgId,
        @JsonProperty("org_name") String orgName,
        @JsonProperty("business_name") String businessName,
        @JsonProperty("use_case") String useCase,
        @JsonProperty("phone_number_count") int phoneNumberCount,
        @JsonProperty("submitted_at") Instant submittedAt,
        @JsonProperty("verified_at") Instant verifiedAt,
        @JsonProperty("created_at") Instant createdAt) {

    TollFreeVerification withPhoneNumberCount(int count) {
        return new TollFreeVerification(id, name, status, verificationRequestId, orgId, orgName, businessName, useCase,
                count, submittedAt, verifiedAt, createdAt);
    }
}
