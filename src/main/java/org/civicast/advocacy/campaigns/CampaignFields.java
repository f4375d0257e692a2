package org.civicast.advocacy.campaigns;

import java.util.List;

/** What a client writes of a campaign; its id, organization and times are not among them. */
public record CampaignFields(String name, String title, String description, String topic, String status,
                             List<Action> actions) {}
