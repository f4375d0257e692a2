package org.civicast.advocacy.submissions;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.civicast.platform.db.Database;

/**
 * The campaigns' topic choices per office. A choice, once stored, is never changed (later ones are
 * ignored) and goes only with its campaign, so a choice read once may be served from memory to
 * every later letter on any instance; only offices with no choice yet are asked of the database.
 */
final class TopicChoices {
    /** More campaigns than are ever busy at once; past it the whole map starts again. */
    private static final int MOST_CAMPAIGNS = 1_000;

    private final Database db;
    private final Map<String, Map<String, String>> known = new ConcurrentHashMap<>();

    TopicChoices(Database db) {
        this.db = db;
    }

    /** The campaign's choices for these offices, by bioguide id (offices with none are absent). */
    Map<String, String> of(String campaignId, List<String> bioguides) {
        Map<String, String> kept = known.getOrDefault(campaignId, Map.of());
        Map<String, String> choices = new HashMap<>();
        List<String> unknown = bioguides.stream().filter(b -> {
            String value = kept.get(b);
            if (value != null) choices.put(b, value);
            return value == null;
        }).toList();
        if (unknown.isEmpty()) return choices;
        Map<String, String> read = db.read(h -> SubmissionStore.topicChoices(h, campaignId, unknown));
        if (!read.isEmpty()) {
            if (known.size() >= MOST_CAMPAIGNS) known.clear();
            known.computeIfAbsent(campaignId, c -> new ConcurrentHashMap<>()).putAll(read);
            choices.putAll(read);
        }
        return choices;
    }
}
