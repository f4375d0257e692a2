package org.civicast.links;

/**
 * A tracking domain an ancestor outside the listed organizations shares with its descendants
 * ({@code source:"inherited"}): usable for links, but only its id and name are shown.
 */
public record TrackingDomainInherited(String id, String domain, String source) {}
