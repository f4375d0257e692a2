package org.civicast.advocacy.campaigns;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Campaigns read lately, each with its version: every letter's deliveries rebuild the letter from
 * its campaign, and reading and parsing the campaign each time cost more than the rest of the job.
 * An entry is used only for the version the caller just read from the database, so a change made
 * through any instance is never served stale.
 */
final class RecentCampaigns {
    /** More campaigns than are ever busy at once; past it the whole map starts again. */
    private static final int MOST = 1_000;

    private record Entry(long version, AdvocacyCampaign campaign) {}

    private final Map<String, Entry> byId = new ConcurrentHashMap<>();

    /** The campaign kept at this version, or null. */
    AdvocacyCampaign get(String id, long version) {
        Entry e = byId.get(id);
        return e != null && e.version() == version ? e.campaign() : null;
    }

    void put(String id, long version, AdvocacyCampaign campaign) {
        if (byId.size() >= MOST) byId.clear();
        // A slower reader must not put back an older version over a newer one.
        byId.merge(id, new Entry(version, campaign), (old, now) -> now.version() >= old.version() ? now : old);
    }
}
