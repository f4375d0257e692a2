package org.civicast.platform.events;

import java.util.Map;

/**
 * A change to report, before it is stored: its type, the organization it belongs to, what it is
 * about, that subject's running sequence number (null when the subject has no order, such as a
 * click), and the payload a webhook carries.
 */
public record Event(String type, String organizationId, String subjectId, Integer sequence, Map<String, Object> data) {}
