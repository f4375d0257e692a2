package org.civicast.registry;

import java.time.Instant;

/**
 * What is written of a toll-free verification: the fields clients send, and the two timestamps
 * the service derives from the status. Its organization, id and created_at are not among them.
 */
public record TollFreeVerificationFields(
        String name,
        String status,
        String verificationRequestId,
        String businessName,
        String useCase,
        String rejectionReason,
        Instant submittedAt,
        Instant verifiedAt) {

    TollFreeVerificationFields withTimestamps(Instant submittedAt, Instant verifiedAt) {
        return new TollFreeVerificationFields(name, status, verificationRequestId, businessName, useCase,
                rejectionReason, submittedAt, verifiedAt);
    }
}
