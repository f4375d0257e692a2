package org.civicast.platform.events;

import java.time.Clock;
import java.util.List;
import org.civicast.platform.db.Database;
import org.civicast.platform.http.Json;

/**
 * The durable event log. Features append in the transaction of the change they report, so an
 * event is stored exactly when its change commits; a (subject, sequence) pair is unique, so a
 * change applied twice cannot report twice. Each event's {@code event_id} ({@code evt_} and 128
 * random bits) is given by the database as the row is written, whichever way it is appended.
 */
public final class Events {
    private final Database db;
    private final Clock clock;

    public Events(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * SQL that appends, within a statement of the change itself, the events a query yields: its
     * rows give {@code event_type}, {@code organization_id}, {@code subject_id}, {@code sequence},
     * {@code data} (jsonb) and {@code created_at}. For changes made a batch at a time in SQL (a
     * broadcast's hand-offs), where building each event in Java and sending it back would cost
     * more than the change. Other features embed it in a data-modifying {@code WITH}; its text is
     * this feature's.
     */
    public static String appendFrom(String query) {
        return """
                INSERT INTO events (event_type, organization_id, subject_id, sequence, data, created_at)
                SELECT r.event_type, r.organization_id, r.subject_id, r.sequence, r.data, r.created_at FROM (%s) r"""
                .formatted(query);
    }

    /** Appends events in the caller's transaction (or one of their own). */
    public void append(List<Event> events) {
        if (events.isEmpty()) return;
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
        // planning and index work per row.
        db.tx(h -> h.createUpdate("""
                INSERT INTO events (event_type, organization_id, subject_id, sequence, data, created_at)
                SELECT e.event_type, e.organization_id, e.subject_id, e.sequence, CAST(e.data AS jsonb), :now
                FROM unnest(:types, :orgs, :subjects, :sequences, :data)
                     AS e(event_type, organization_id, subject_id, sequence, data)""")
                .bindArray("types", String.class, (Object[]) types)
                .bindArray("orgs", String.class, (Object[]) orgs).bindArray("subjects", String.class, (Object[]) subjects)
                .bindArray("sequences", Integer.class, (Object[]) sequences).bindArray("data", String.class, (Object[]) data)
                .bind("now", clock.instant())
                .execute());
    }

    /** Appends one event; returns its event id. */
    public String append(Event e) {
        return db.tx(h -> h.createQuery("""
                INSERT INTO events (event_type, organization_id, subject_id, sequence, data, created_at)
                VALUES (:type, :org, :subject, :sequence, CAST(:data AS jsonb), :now) RETURNING event_id""")
                .bind("type", e.type()).bind("org", e.organizationId()).bind("subject", e.subjectId())
                .bind("sequence", e.sequence()).bind("data", Json.string(e.data())).bind("now", clock.instant())
                .mapTo(String.class).one());
    }
}
