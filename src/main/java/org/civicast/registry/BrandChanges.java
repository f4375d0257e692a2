package org.civicast.registry;

import org.civicast.platform.http.Change;

/** The brand fields a request sends: a PATCH's changes, or what a new brand differs in from the defaults. */
public record BrandChanges(
        Change<String> brandName,
        Change<String> status,
        Change<String> tcrBrandId,
        Change<String> entityType,
        Change<String> ein,
        Change<String> vertical,
        Change<String> identityStatus,
        Change<Integer> vettingScore,
        Change<String> campaignVerifyToken,
        Change<String> notes) {

    boolean isEmpty() {
        return Change.none(brandName, status, tcrBrandId, entityType, ein, vertical, identityStatus, vettingScore,
                campaignVerifyToken, notes);
    }

    BrandFields applyTo(BrandFields current) {
        return new BrandFields(
                brandName.or(current.brandName()),
                status.or(current.status()),
                tcrBrandId.or(current.tcrBrandId()),
                entityType.or(current.entityType()),
                ein.or(current.ein()),
                vertical.or(current.vertical()),
                identityStatus.or(current.identityStatus()),
                vettingScore.or(current.vettingScore()),
                campaignVerifyToken.or(current.campaignVerifyToken()),
                notes.or(current.notes()));
    }
}
