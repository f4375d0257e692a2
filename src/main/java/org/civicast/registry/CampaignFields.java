package org.civicast.registry;

/** What clients write of a 10DLC campaign, as it is stored; its brand, id and times are not among them. */
public record CampaignFields(
        String name,
        String useCase,
        String campaignStatus,
        String tcrCampaignId,
        Integer tmobileDailyCap,
        Integer attSmsTpm,
        Integer attMmsTpm,
        String notes) {}
