package org.civicast.registry;

/**
 * What clients write of a brand, as it is stored: the Campaign Verify token in full. Its
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
        String notes) {}
