package org.civicast.registry;

import org.civicast.platform.http.Change;

/**
 * The toll-free verification fields a request sends: a PATCH's changes, or what a new
 * verification differs in from the defaults. The timestamps are the service's to set.
 */
public record TollFreeVerificationChanges(
        Change<String> name,
        Change<String> status,
        Change<String> verificationRequestId,
        Change<String> businessName,
        Change<String> useCase,
        Change<String> rejectionReason) {

    boolean isEmpty() {
        return Change.none(name, status, verificationRequestId, businessName, useCase, rejectionReason);
    }

    TollFreeVerificationFields applyTo(TollFreeVerificationFields current) {
        return new TollFreeVerificationFields(
                name.or(current.name()),
                status.or(current.status()),
                verificationRequestId.or(current.verificationRequestId()),
                businessName.or(current.businessName()),
                useCase.or(current.useCase()),
                rejectionReason.or(current.rejectionReason()),
                current.submittedAt(),
                current.verifiedAt());
    }
}
