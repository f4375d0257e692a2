package org.civicast.links;

/**
 * A project's link-tracking settings, as the projects feature stores them: the tracking domain its
 * short links use, and what {@link LinkDestination} needs to send each recipient somewhere.
 *
 * @param domainId       an active tracking domain the project's organization may use
 * @param destinationUrl where clicks go; may hold {@code {paramField}} (see {@link LinkDestination})
 * @param paramField     {@code phone} or a contact field's merge tag; null for none
 * @param fallbackUrl    where a whole-URL destination sends recipients without a usable URL; null otherwise
 */
public record LinkTracking(String domainId, String destinationUrl, String paramField, String fallbackUrl) {}
