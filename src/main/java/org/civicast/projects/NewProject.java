package org.civicast.projects;

/** A create request as the routes read it: the organization, what it sends under as sent (unchecked), its settings. */
record NewProject(String organizationId, String channel, String brandId, String campaignId,
                  String tollFreeVerificationId, ProjectSettings settings) {}
