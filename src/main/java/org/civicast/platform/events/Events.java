package org.civicast.platform.events;

import java.time.Clock;
import java.util.List;
import org.civicast.platform.db.Database;
import org.civicast.platform.http.Json;
import org.civicast.platform.ids.Ids;

/**
 * The durable event log. Features append in the transaction of the change they report, so an
 * event is stored exactly when its change commits; a (subject, sequence) pair is unique, so a
 * change applied twice cannot report twice.
 */
public final class Events {
    private final Database db;
    private final Ids ids;
    private final Clock clock;

    public Events(Database db, Ids ids, Clock clock) {
        this.db = db;
        this.ids = ids;
        this.clock = clock;
    }

    /** Appends events in the caller's transaction (or one of their own); returns their event ids in order. */
    public List<String> append(List<Event> events) {
        if (events.isEmpty()) return List.of();
        List<String> eventIds = events.stream().map(e -> ids.next("evt")).toList();
        String[] types = new String[events.size()];
        String[] orgs = new String[events.size()];
        String[] subjects = new String[events.size()];
        Integer[] sequences = new Integer[events.size()];
        String[] data = new String[events.size()];
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            types[i] = e.type();
            orgs[i] = e.organizationId();
            subjects[i] = e.subjectId();
            sequences[i] = e.sequence();
            data[i] = Json.string(e.data());
        }
        // One statement for the whole list: a batch of single-row inserts costs a round of parsing,
        // planning and index work per row, which a broadcast pays a million times.
        db.tx(h -> h.createUpdate("""
                INSERT INTO events (event_id, event_type, organization_id, subject_id, sequence, data, created_at)
                SELECT e.event_id, e.event_type, e.organization_id, e.subject_id, e.sequence, CAST(e.data AS jsonb), :now
                FROM unnest(:ids, :types, :orgs, :subjects, :sequences, :data)
                     AS e(event_id, event_type, organization_id, subject_id, sequence, data)""")
                .bindArray("ids", String.class, eventIds).bindArray("types", String.class, (Object[]) types)
                .bindArray("orgs", String.class, (Object[]) orgs).bindArray("subjects", String.class, (Object[]) subjects)
                .bindArray("sequences", Integer.class, (Object[]) sequences).bindArray("data", String.class, (Object[]) data)
                .bind("now", clock.instant())
                .execute());
        return eventIds;
    }

    public String append(Event event) {
        return append(List.of(event)).getFirst();
    }
}
