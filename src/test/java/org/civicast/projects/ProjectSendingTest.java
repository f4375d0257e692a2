package org.civicast.projects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.civicast.testing.ApiClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A project through the API to the built-in carrier simulator: a test send, then the schedule,
 * the send to every recipient once (as the simulator's own record shows), receipts, statistics.
 */
class ProjectSendingTest {
    static ProjectWorld world;

    @BeforeAll
    static void start() throws Exception {
        world = ProjectWorld.start(Map.of("CIVICAST_SIMULATOR_RECEIPT_DELAY_MILLIS", "100",
                "CIVICAST_SIMULATOR_UNDELIVERABLE_PERCENT", "10"));
    }

    @AfterAll
    static void stop() {
        if (world != null) world.close();
    }

    private List<String> network() throws Exception {
        var record = world.server.dataDir().resolve("carrier-simulator/accepted.tsv");
        return Files.exists(record) ? Files.readAllLines(record) : List.of();
    }

    private JsonNode awaitStatus(String id, String status) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        JsonNode project = world.project(id);
        while (!project.get("status").asText().equals(status) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            project = world.project(id);
        }
        assertEquals(status, project.get("status").asText(), project.toString());
        return project;
    }

    @Test
    void aProjectIsTestedThenSentToEveryRecipientOnceAndCounted() throws Exception {
        StringBuilder csv = new StringBuilder("Phone,First\n");
        for (int i = 0; i < 300; i++) csv.append("(415) 555-").append(String.format("%04d", 2000 + i)).append(",Voter").append(i).append('\n');
        String list = world.list(csv.toString(), Map.of("first_name", "First"));
        String id = world.created(world.body(list));
        int before = network().size();

        ApiClient.Response tested = world.root.post("/v1/projects/" + id + "/test", Map.of("test_contacts",
                List.of(Map.of("phone", "+12025550188", "merge_values", Map.of("first_name", "Tester")))));
        assertEquals(202, tested.status(), tested.toString());
        assertEquals("awaiting_test", tested.data().get("status").asText());
        assertEquals("+1202****188", tested.data().at("/test_messages/0/sent_to").asText());
        long deadline = System.currentTimeMillis() + 30_000;
        while (network().size() < before + 1 && System.currentTimeMillis() < deadline) Thread.sleep(50);
        assertTrue(network().getLast().contains("+12025550188"), network().getLast());

        ApiClient.Response scheduled = world.root.post("/v1/projects/" + id + "/schedule", Map.of(
                "scheduled_at", Instant.now().toString(), "scheduled_timezone", "America/New_York"));
        assertEquals(200, scheduled.status(), scheduled.toString());
        awaitStatus(id, "completed");

        List<String> sent = network().subList(before + 1, network().size());
        assertEquals(300, sent.size());
        assertEquals(300, sent.stream().map(l -> l.split("\t")[3]).distinct().count(), "each recipient once");

        JsonNode stats = null;
        deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            stats = world.root.get("/v1/projects/" + id + "/stats").data();
            if (stats.at("/metrics/delivered").asLong() + stats.at("/metrics/undeliverable").asLong() == 300) break;
            Thread.sleep(100);
        }
        assertEquals(300, stats.at("/metrics/sent").asLong(), stats.toString());
        assertEquals(300, stats.at("/metrics/delivered").asLong() + stats.at("/metrics/undeliverable").asLong());
        assertTrue(stats.at("/metrics/undeliverable").asLong() > 5, stats.toString());
        assertEquals(1, stats.at("/test/delivered").asLong() + stats.at("/test/failed").asLong() + stats.at("/test/sent").asLong());
        assertEquals("completed", stats.get("status").asText());

        // Sent, its audience is what it was compiled for: a later opt-out changes the list's audience, not the send's.
        assertEquals(300, world.project(id).get("total_recipients").asInt());
        try (var c = java.sql.DriverManager.getConnection(world.server.databaseUrl())) {
            c.createStatement().execute("INSERT INTO opt_outs VALUES ('" + world.org + "', 14155552000, 'stop_reply', now())");
        }
        assertEquals(300, world.project(id).get("total_recipients").asInt(), "the send's recipients, not a new count");
        String again = world.created(world.body(list));
        assertEquals(299, world.project(again).get("total_recipients").asInt(), "a new project counts the list as it is now");
    }

    @Test
    void testsAreRefusedWithClearErrors() throws Exception {
        String id = world.created(world.body());
        assertEquals(400, world.root.post("/v1/projects/" + id + "/test", Map.of("test_contacts", List.of())).status());
        assertEquals(400, world.root.post("/v1/projects/" + id + "/test", Map.of("test_contacts",
                List.of(Map.of("phone", "+442079460958")))).status());
        assertEquals(404, world.root.post("/v1/projects/prj_missing/test", Map.of("test_contacts",
                List.of(Map.of("phone", "+12025550188")))).status());
        assertEquals(404, world.root.get("/v1/projects/prj_missing/stats").status());
    }

    @Test
    void theOrganizationsSendingHoursAndTheBrandsDailyCapPauseTheSend() throws Exception {
        StringBuilder csv = new StringBuilder("Phone,First\n");
        for (int i = 0; i < 300; i++) csv.append("(415) 556-").append(String.format("%04d", 2000 + i)).append(",Voter").append(i).append('\n');
        String list = world.list(csv.toString(), Map.of("first_name", "First"));
        // A brand of its own: its daily count starts from nothing.
        String brand = org.civicast.testing.TestServer.idOf(world.root.post("/v1/brands",
                Map.of("brand_name", "Capped PAC", "organization_id", world.org)));
        String campaign = world.campaign(brand, "Capped", Map.of("tmobile_daily_cap", 100));
        String number = world.number(campaign);
        String id = world.created(ProjectWorld.with(world.body(list), "brand_id", brand, "campaign_id", campaign,
                "phone_number_ids", List.of(number)));

        // Bad windows are refused and change nothing.
        for (String bad : List.of("8-21", "08:00-08:00", "24:00-08:00", "08:00 - 21:00")) {
            ApiClient.Response refused = world.root.patch("/v1/organizations/" + world.org, Map.of("quiet_hours", bad));
            ProjectsApiTest.refused(refused, 400, "VALIDATION_ERROR", "quiet_hours", null);
        }
        // A window that is closed in Los Angeles now: two hours from now there, for one minute.
        var opens = java.time.ZonedDateTime.now(java.time.ZoneId.of("America/Los_Angeles")).plusHours(2).toLocalTime()
                .withSecond(0).withNano(0);
        String window = opens + "-" + opens.plusMinutes(1);
        ApiClient.Response set = world.root.patch("/v1/organizations/" + world.org, Map.of("quiet_hours", window));
        assertEquals(200, set.status(), set.toString());
        assertEquals(window, set.data().get("quiet_hours").asText());

        world.root.post("/v1/projects/" + id + "/schedule", Map.of("scheduled_at", Instant.now().toString(),
                "scheduled_timezone", "America/Los_Angeles"));
        JsonNode paused = awaitStatus(id, "paused");
        assertEquals("quiet_hours", paused.get("pause_reason").asText());
        assertTrue(paused.get("auto_paused").asBoolean());
        int before = network().size();

        // Back to no window; a new schedule resumes the send, which stops at the brand's cap.
        assertEquals(200, world.root.patch("/v1/organizations/" + world.org, java.util.Collections.singletonMap(
                "quiet_hours", "none")).status());
        world.root.post("/v1/projects/" + id + "/schedule", Map.of("scheduled_at", Instant.now().toString(),
                "scheduled_timezone", "America/Los_Angeles"));
        long deadline = System.currentTimeMillis() + 30_000;
        JsonNode project = world.project(id);
        while (!"brand_daily_cap".equals(project.path("pause_reason").asText()) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            project = world.project(id);
        }
        assertEquals("paused", project.get("status").asText(), project.toString());
        assertEquals("brand_daily_cap", project.get("pause_reason").asText());
        Thread.sleep(300);
        assertEquals(100, network().size() - before, "exactly the cap");
        JsonNode throughput = world.root.get("/v1/campaigns/" + campaign + "/throughput").data();
        assertEquals(100, throughput.at("/t_mobile/used_today").asInt(), throughput.toString());
        assertEquals(0, throughput.at("/t_mobile/remaining_today").asInt(), throughput.toString());

        // With the bypass it runs past the cap, to everyone else and no one twice.
        world.root.post("/v1/projects/" + id + "/schedule", Map.of("scheduled_at", Instant.now().toString(),
                "scheduled_timezone", "America/Los_Angeles", "daily_cap_bypass", true));
        awaitStatus(id, "completed");
        List<String> sent = network().subList(before, network().size());
        assertEquals(300, sent.size());
        assertEquals(300, sent.stream().map(l -> l.split("\t")[3]).distinct().count());
        assertEquals(300, world.root.get("/v1/campaigns/" + campaign + "/throughput").data().at("/t_mobile/used_today").asInt());
    }
}
