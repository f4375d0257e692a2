package org.civicast.advocacy.campaigns;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Campaigns read lately, each with its version: every letter, and each of its deliveries, needs its
 * campaign, and reading and parsing the campaign's actions each time cost more than the rest of
 * the work. An entry is used only for the version the caller just read from the database, so a
 * change made through any instance is never served stale.
 */
final class RecentCampaigns {
    /** More campaigns than are ever busy at once; past it the whole map starts again. */
    private static final int MOST = 1_000;

    private final Map<String, AdvocacyCampaignStore.Versioned> byId = new ConcurrentHashMap<>();

    /** The campaign kept at this version, or null. */
    AdvocacyCampaign get(String id, long version) {
        AdvocacyCampaignStore.Versioned kept = byId.get(id);
        return kept != null && kept.version() == version ? kept.campaign() : null;
    }

    /** The campaign kept, whatever its version, or null. */
    AdvocacyCampaignStore.Versioned any(String id) {
        return byId.get(id);
    }

    void put(AdvocacyCampaignStore.Versioned read) {
        if (byId.size() >= MOST) byId.clear();
        // A slower reader must not put back an older version over a newer one.
        byId.merge(read.campaign().id(), read, (old, now) -> now.version() >= old.version() ? now : old);
    }
}
