package org.civicast.platform.events;

import java.time.Clock;
import java.util.List;
import org.civicast.platform.db.Database;
import org.civicast.platform.http.Json;
import org.civicast.platform.ids.Ids;
import org.jdbi.v3.core.statement.PreparedBatch;

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
        db.tx(h -> {
            PreparedBatch batch = h.prepareBatch("""
                    INSERT INTO events (event_id, event_type, organization_id, subject_id, sequence, data, created_at)
                    VALUES (:eventId, :type, :org, :subject, :sequence, CAST(:data AS jsonb), :now)""");
            var now = clock.instant();
            for (int i = 0; i < events.size(); i++) {
                Event e = events.get(i);
                batch.bind("eventId", eventIds.get(i)).bind("type", e.type()).bind("org", e.organizationId())
                        .bind("subject", e.subjectId()).bind("sequence", e.sequence())
                        .bind("data", Json.string(e.data())).bind("now", now).add();
            }
            batch.execute();
            return null;
        });
        return eventIds;
    }

    public String append(Event event) {
        return append(List.of(event)).getFirst();
    }
}
