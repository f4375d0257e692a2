package org.civicast.registry;

import org.civicast.platform.http.Change;

/** The campaign fields a request sends: a PATCH's changes, or what a new campaign differs in from the defaults. */
public record CampaignChanges(
        Change<String> name,
        Change<String> useCase,
        Change<String> campaignStatus,
        Change<String> tcrCampaignId,
        Change<Integer> tmobileDailyCap,
        Change<Integer> attSmsTpm,
        Change<Integer> attMmsTpm,
        Change<String> notes) {

    boolean isEmpty() {
        return Change.none(name, useCase, campaignStatus, tcrCampaignId, tmobileDailyCap, attSmsTpm, attMmsTpm, notes);
    }

    CampaignFields applyTo(CampaignFields current) {
        return new CampaignFields(
                name.or(current.name()),
                useCase.or(current.useCase()),
                campaignStatus.or(current.campaignStatus()),
                tcrCampaignId.or(current.tcrCampaignId()),
                tmobileDailyCap.or(current.tmobileDailyCap()),
                attSmsTpm.or(current.attSmsTpm()),
                attMmsTpm.or(current.attMmsTpm()),
                notes.or(current.notes()));
    }
}
