package org.civicast.registry;

/**
 * What clients write of a brand. The Campaign Verify token is the client's plain token while a
 * request is applied, and the encrypted form once read from or written to the table. Its
 * organization, id and times are not among them.
 */
public record BrandFields(
        String brandName,
        String status,
        String tcrBrandId,
        String entityType,
        String ein,
        String vertical,
        String identityStatus,
        Integer vettingScore,
        String campaignVerifyToken,
        String notes) {

    BrandFields withCampaignVerifyToken(String token) {
        return new BrandFields(brandName, status, tcrBrandId, entityType, ein, vertical, identityStatus, vettingScore,
                token, notes);
    }
}
