package org.civicast.projects;

import org.civicast.links.LinkTracking;

/**
 * A project's link tracking as it stores it: whether it is on, and the settings the links feature
 * issues and resolves short links by ({@link LinkTracking}). The fields are kept while tracking is
 * off, and checked when it is turned on ({@link LinkRules}).
 */
record LinkSettings(boolean enabled, String destinationUrl, String domainId, String paramField, String fallbackUrl) {
    static final LinkSettings OFF = new LinkSettings(false, null, null, null, null);

    /** The settings as the links feature takes them. */
    LinkTracking tracking() {
        return new LinkTracking(domainId, destinationUrl, paramField, fallbackUrl);
    }
}
