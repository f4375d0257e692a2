package org.civicast.sending;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.civicast.platform.db.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A send's audience written band by band: each number once, in order of number, and on from where a cut stopped it. */
class CompilationTest {
    @TempDir
    Path network;

    private EngineWorld world;
    private Database db;

    @BeforeEach
    void setUp() {
        world = new EngineWorld(network);
        db = world.db;
    }

    @AfterEach
    void tearDown() throws Exception {
        world.close();
    }

    @Test
    void aCompilationCutShortGoesOnWhereItStoppedAndWritesEachNumberOnceInOrder() {
        // Numbers in several bands: below the North American plan's, across its area codes, and abroad.
        world.list("cl_bands", 9_912_345_678L, 12_025_550_111L, 12_025_550_112L, 13_125_550_113L, 14_155_550_114L,
                16_175_550_115L, 19_175_550_116L, 19_895_550_117L, 33_612_345_678L, 447_911_123_456L);
        world.list("cl_more", 12_025_550_112L, 19_175_550_118L);
        Broadcast b = new Broadcast("prj_bands", "org_s", "brand_s", List.of(new Broadcast.Sender("pn_1", "+12025550101")),
                false, List.of(), List.of("cl_bands", "cl_more"), List.of(), null,
                (recipient, link) -> new MessageComposer.Composed("Hi", 1, "GSM-7"), Limits.NONE);
        Clock clock = Clock.systemUTC();
        long key = db.tx(h -> {
            long k = SendStore.sendKey(h, "prj_bands", "org_s", "brand_s", Instant.now());
            SendStore.startDeadline(h, k, Instant.now().plusSeconds(3600));
            return k;
        });

        // Three bands written, then the compilation stops (a crash between two bands).
        for (int i = 0; i < 3; i++) db.tx(h -> Compilation.band(h, key, b, clock, true));
        assertEquals(3, count("SELECT count(*) FROM outbound_messages"), "the number below the plan's and 202's two");
        assertEquals(List.of(key), db.read(h -> SendStore.startedUncompiled(h, "prj_bands").stream().toList()));
        assertEquals(false, db.read(h -> SendStore.compiled(h, key)));

        Compilation.run(db, key, b, clock);
        Compilation.run(db, key, b, clock); // found written: nothing more
        assertEquals(11, count("SELECT count(*) FROM outbound_messages"));
        assertEquals(11, count("SELECT count(DISTINCT phone) FROM outbound_messages"));
        assertEquals(11, count("SELECT recipients FROM sends WHERE compiled_at IS NOT NULL"));
        assertEquals(0, count("""
                SELECT count(*) FROM (SELECT id, lag(id) OVER (ORDER BY phone) AS before FROM outbound_messages) m
                WHERE id < before"""), "ids follow the numbers, the order claims read them in");
        assertEquals(true, db.read(h -> SendStore.compiled(h, key)));
        assertEquals(List.of(), db.read(h -> SendStore.startedUncompiled(h, "prj_bands").stream().toList()));
    }

    private int count(String sql) {
        return world.count(sql);
    }
}
