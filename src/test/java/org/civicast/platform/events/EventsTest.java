package org.civicast.platform.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.civicast.platform.db.Database;
import org.civicast.platform.db.DatabaseAddress;
import org.civicast.testing.MutableClock;
import org.civicast.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventsTest {
    private Database db;
    private Events events;

    @BeforeEach
    void setUp() {
        db = Database.connect(DatabaseAddress.parse(TestDatabases.fresh(), null, null), 4, null);
        db.migrate();
        db.tx(h -> h.execute("INSERT INTO organizations (id, display_name, status, path, created_at, updated_at) "
                + "VALUES ('org_e', 'E', 'active', '/org_e/', now(), now())"));
        MutableClock clock = new MutableClock(Instant.parse("2030-01-01T12:00:00Z"));
        events = new Events(db, clock);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void eventsAreStoredWithTheTransactionThatMadeThemAndASubjectReportsEachStepOnce() {
        String id = events.append(new Event("message.sent", "org_e", "msg_1", 1, Map.of("to", "+12025550143")));
        assertTrue(id.startsWith("evt_"));
        // Rolled back with its change: nothing stored.
        assertThrows(IllegalStateException.class, () -> db.tx(h -> {
            events.append(new Event("message.delivered", "org_e", "msg_1", 2, Map.of()));
            throw new IllegalStateException("the change failed");
        }));
        assertEquals(1, count());
        events.append(List.of(new Event("message.delivered", "org_e", "msg_1", 2, Map.of()),
                new Event("link.clicked", "org_e", "lnk_1", null, Map.of()),
                new Event("link.clicked", "org_e", "lnk_1", null, Map.of())));
        assertEquals(4, count());
        assertThrows(RuntimeException.class,
                () -> events.append(new Event("message.delivered", "org_e", "msg_1", 2, Map.of())),
                "the same step of the same message twice");
        assertEquals(4, count());
        assertEquals("{\"to\": \"+12025550143\"}", db.read(h -> h.createQuery(
                "SELECT data::text FROM events WHERE event_id = :id").bind("id", id).mapTo(String.class).one()));
    }

    private int count() {
        return db.read(h -> h.createQuery("SELECT count(*) FROM events").mapTo(Integer.class).one());
    }
}
