package org.civicast.sending;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.civicast.platform.config.SendingSettings;
import org.civicast.platform.time.QuietHours;
import org.civicast.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pacing on a real database with the carrier simulator and a clock the test moves: the brand's
 * daily cap (exact across dispatchers and instances), the campaign's per-minute rate, each
 * number's rate, sending hours across time zones (pausing and resuming by itself), and messages
 * that expire rather than arrive late.
 */
class SendingPacingTest {
    private static final SendingSettings PACED = new SendingSettings("none", true, 0, Duration.ofHours(24), 16);

    @TempDir
    Path network;

    private EngineWorld world;

    @BeforeEach
    void setUp() {
        world = new EngineWorld(network);
    }

    @AfterEach
    void tearDown() throws Exception {
        world.close();
    }

    private static Limits limits(String scope, Integer perMinute, Integer cap, boolean bypass, QuietHours hours) {
        return new Limits(scope, perMinute, cap, bypass, hours, 1);
    }

    /** Waits until the network holds {@code n} messages, then a moment more to see that no more come. */
    private void awaitSent(int n) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (world.networkRecord().size() < n && System.currentTimeMillis() < deadline) Thread.sleep(20);
        Thread.sleep(600);
        assertEquals(n, world.networkRecord().size());
    }

    private Set<String> areaCodesSent() throws Exception {
        return world.networkRecord().stream().map(l -> l.split("\t")[3].substring(2, 5)).collect(Collectors.toSet());
    }

    @Test
    void theBrandsDailyCapPausesTheSendExactlyAtTheCapAcrossInstances() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-01T18:00:00Z"));
        SendingService first = world.instance(clock, PACED);
        world.instance(clock, PACED);
        world.schedule("prj_cap", first, null, limits("camp_1", null, 300, false, QuietHours.NONE), clock.instant());
        world.awaitStatus("prj_cap", "paused");
        assertEquals("brand_daily_cap", world.projects.pauseReason.get("prj_cap"));
        awaitSent(300);
        assertEquals(300, first.usedToday("brand_s", clock.instant()), "reservations corrected to what went");
        assertEquals(700, world.count("SELECT count(*) FROM outbound_messages WHERE status = 'queued'"));

        // Scheduled again with the bypass, it sends the rest; nobody gets the message twice.
        world.schedule("prj_cap", first, null, limits("camp_1", null, 300, true, QuietHours.NONE), clock.instant());
        world.awaitCompleted("prj_cap");
        awaitSent(1000);
        assertEquals(1000, world.networkRecord().stream().map(l -> l.split("\t")[3]).distinct().count());
        assertEquals(1000, first.usedToday("brand_s", clock.instant()));
        // A new Pacific day starts from nothing (midnight in Los Angeles is 08:00 UTC).
        assertEquals(0, first.usedToday("brand_s", Instant.parse("2026-12-02T08:00:00Z")));
        assertEquals(1000, first.usedToday("brand_s", Instant.parse("2026-12-02T07:59:59Z")));
    }

    @Test
    void theCampaignsPerMinuteRateMetersTheSend() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-01T18:00:00Z"));
        SendingService sending = world.instance(clock, PACED);
        world.instance(clock, PACED);
        // 600 segments a minute: ten a second, with no more than a second's worth at once.
        world.schedule("prj_rate", sending, null, limits("camp_r", 600, null, false, QuietHours.NONE), clock.instant());
        awaitSent(10);
        clock.advance(Duration.ofSeconds(1));
        awaitSent(20);
        clock.advance(Duration.ofMillis(500));
        awaitSent(25);
        clock.advance(Duration.ofSeconds(5)); // idle time does not save up: a second's worth at most
        awaitSent(35);
        assertEquals("sending", world.projects.status.get("prj_rate"));
        long deadline = System.currentTimeMillis() + 60_000;
        while (!"completed".equals(world.projects.status.get("prj_rate")) && System.currentTimeMillis() < deadline) {
            clock.advance(Duration.ofSeconds(1));
            Thread.sleep(60);
        }
        world.awaitCompleted("prj_rate");
        awaitSent(1000);
    }

    @Test
    void eachNumbersRateIsKeptApart() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-01T18:00:00Z"));
        SendingService sending = world.instance(clock, new SendingSettings("none", true, 3, Duration.ofHours(24), 16));
        world.schedule("prj_num", sending, null, Limits.NONE, clock.instant());
        awaitSent(6);
        assertEquals(3, world.networkRecord().stream().filter(l -> l.split("\t")[2].equals("+12025550101")).count());
        assertEquals(3, world.networkRecord().stream().filter(l -> l.split("\t")[2].equals("+12025550102")).count());
        clock.advance(Duration.ofSeconds(1));
        awaitSent(12);
    }

    @Test
    void recipientsAreTextedOnlyInTheirOwnSendingHoursAndTheSendResumesByItself() throws Exception {
        // New York, Chicago, Los Angeles, Honolulu, and a toll-free number (no known zone).
        world.list("cl_z", 12025550001L, 12025550002L, 13125550001L, 14155550001L, 18085550001L, 18005550001L);
        // 13:30 UTC: 08:30 in New York, 07:30 in Chicago, 05:30 in Los Angeles, 03:30 in Honolulu.
        MutableClock clock = new MutableClock(Instant.parse("2026-12-01T13:30:00Z"));
        SendingService sending = world.instance(clock, PACED);
        QuietHours window = QuietHours.parse("08:00-21:00");
        world.schedule("prj_q", sending, null, limits("camp_q", null, null, false, window), clock.instant(), "cl_z");
        world.awaitStatus("prj_q", "paused");
        assertEquals("quiet_hours", world.projects.pauseReason.get("prj_q"));
        awaitSent(2);
        assertEquals(Set.of("202"), areaCodesSent());

        clock.set(Instant.parse("2026-12-01T14:00:00Z")); // 08:00 in Chicago: the resumption is due
        awaitSent(3);
        world.awaitStatus("prj_q", "paused");
        assertEquals(Set.of("202", "312"), areaCodesSent());

        clock.set(Instant.parse("2026-12-01T16:00:00Z")); // Los Angeles opens, and with it the whole mainland
        awaitSent(5);
        world.awaitStatus("prj_q", "paused");
        assertEquals(Set.of("202", "312", "415", "800"), areaCodesSent());

        clock.set(Instant.parse("2026-12-01T18:00:00Z")); // 08:00 in Honolulu
        world.awaitCompleted("prj_q");
        awaitSent(6);
    }

    @Test
    void messagesThatCannotGoOutBeforeTheDeadlineExpire() throws Exception {
        world.list("cl_la", 14155550001L, 14155550002L, 14155550003L);
        MutableClock clock = new MutableClock(Instant.parse("2026-12-01T13:30:00Z")); // 05:30 in Los Angeles
        SendingService sending = world.instance(clock, new SendingSettings("none", true, 0, Duration.ofHours(1), 16));
        world.schedule("prj_x", sending, null, limits("camp_x", null, null, false, QuietHours.parse("08:00-21:00")),
                clock.instant(), "cl_la");
        world.awaitStatus("prj_x", "paused");
        clock.set(Instant.parse("2026-12-01T16:00:00Z")); // open now, but an hour past the deadline
        world.awaitCompleted("prj_x");
        Thread.sleep(300);
        assertEquals(List.of(), world.networkRecord());
        assertEquals(3, world.count("SELECT count(*) FROM outbound_messages WHERE status = 'expired'"));
        assertEquals(3, world.count("SELECT count(*) FROM events WHERE event_type = 'message.failed' "
                + "AND data->>'error_code' = 'expired' AND sequence = 1"));
        assertTrue(world.count("SELECT count(*) FROM usage_records") == 0, "nothing billed");
    }
}
