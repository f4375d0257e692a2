package org.civicast.orgs;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/** One toll-free verification in full: the list fields, its numbers, and why it was rejected. */
public record TollFreeVerificationDetail(
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
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("phone_number_ids") List<String> phoneNumberIds,
        @JsonProperty("rejection_reason") String rejectionReason,
        @JsonProperty("updated_at") Instant updatedAt) {

    static TollFreeVerificationDetail of(TollFreeVerification t, List<String> phoneNumberIds, String rejectionReason,
                                         Instant updatedAt) {
        return new TollFreeVerificationDetail(t.id(), t.name(), t.status(), t.verificationRequestId(), t.orgId(),
                t.orgName(), t.businessName(), t.useCase(), t.phoneNumberCount(), t.submittedAt(), t.verifiedAt(),
                t.createdAt(), phoneNumberIds, rejectionReason, updatedAt);
    }

    TollFreeVerificationDetail withPhoneNumberIds(List<String> ids) {
        return new TollFreeVerificationDetail(id, name, status, verificationRequestId, orgId, orgName, businessName,
                useCase, phoneNumberCount, submittedAt, verifiedAt, createdAt, List.copyOf(ids), rejectionReason,
                updatedAt);
    }
}
