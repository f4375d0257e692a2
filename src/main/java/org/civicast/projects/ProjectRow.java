package org.civicast.projects;

import java.time.Instant;

/** A project as stored, with the names of its organization, brand and campaign. */
record ProjectRow(String id, String organizationId, String orgName, String orgPath, String type, ProjectRegistration registration,
                  String brandName, String campaignName, ProjectSettings settings, ProjectStatus status,
                  Instant scheduledAt, String scheduledTimezone, boolean dailyCapBypass, String pauseReason,
                  boolean autoPaused, Instant testedAt, Instant sendingStartedAt, Instant unscheduledAt,
                  boolean createdViaApi, Instant createdAt, Instant updatedAt, Integer scheduledRecipients) {

    ProjectTransitions.History history() {
        return new ProjectTransitions.History(testedAt != null, sendingStartedAt != null);
    }
}
