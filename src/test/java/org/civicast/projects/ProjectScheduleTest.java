package org.civicast.projects;

import static org.civicast.projects.ProjectWorld.with;
import static org.civicast.projects.ProjectsApiTest.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.civicast.links.LinkTracking;
import org.civicast.testing.ApiClient;
import org.civicast.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Scheduling and unscheduling through the API, the sending engine's lifecycle calls, its plan, and throughput. */
class ProjectScheduleTest {
    static ProjectWorld w;
    static String list;

    @BeforeAll
    static void start() throws Exception {
        w = ProjectWorld.start(Map.of());
        list = w.list("Phone,First\n2025550201,Ann\n2025550202,Bob\n2025550203,Cy\n", Map.of("first_name", "First"));
    }

    @AfterAll
    static void stop() {
        if (w != null) w.close();
    }

    @AfterEach
    void noEngine() {
        w.service().sendWith(ProjectSending.RECORD_ONLY);
    }

    /** What the engine was told. */
    static final class Recording implements ProjectSending {
        final List<String> calls = new ArrayList<>();
        int usedToday;

        @Override
        public void scheduled(String projectId, Instant at) {
            calls.add("scheduled " + projectId + " " + at);
        }

        @Override
        public void unscheduled(String projectId) {
            calls.add("unscheduled " + projectId);
        }

        @Override
        public TestSends test(String projectId, List<TestContact> contacts) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ProjectStats stats(String projectId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int usedToday(String brandId) {
            return usedToday;
        }

        @Override
        public java.util.OptionalInt recipients(String projectId) {
            return java.util.OptionalInt.empty();
        }
    }

    static ApiClient.Response schedule(String id, Map<String, Object> body) {
        return w.root.post("/v1/projects/" + id + "/schedule", body);
    }

    static ApiClient.Response unschedule(String id) {
        return w.root.post("/v1/projects/" + id + "/unschedule", null);
    }

    static String status(String id) {
        return w.project(id).get("status").asText();
    }

    @Test
    void aScheduleNeedsAnExplicitOffsetAndOneOfTheSixZones() {
        String id = w.created(w.body(list));
        refused(schedule(id, Map.of("scheduled_at", "2030-11-03T09:00:00", "scheduled_timezone", "America/New_York")),
                400, "VALIDATION_ERROR", "scheduled_at", "explicit offset");
        refused(schedule(id, Map.of("scheduled_at", "2030-11-03", "scheduled_timezone", "America/New_York")),
                400, "VALIDATION_ERROR", "scheduled_at", null);
        refused(schedule(id, Map.of("scheduled_at", "tomorrow", "scheduled_timezone", "America/New_York")),
                400, "VALIDATION_ERROR", "scheduled_at", null);
        for (String zone : List.of("Europe/Paris", "America/Phoenix", "EST", "america/new_york")) {
            refused(schedule(id, Map.of("scheduled_at", "2030-11-03T09:00:00Z", "scheduled_timezone", zone)),
                    400, "VALIDATION_ERROR", "scheduled_timezone", null);
        }
        refused(schedule(id, Map.of("scheduled_at", "2030-11-03T09:00:00Z")), 400, "VALIDATION_ERROR",
                "scheduled_timezone", "is required");
        assertEquals("draft", status(id), "refusals change nothing");

        ApiClient.Response ok = schedule(id, Map.of("scheduled_at", "2030-11-03T09:00:00-05:00",
                "scheduled_timezone", "America/New_York"));
        assertEquals(200, ok.status(), ok.toString());
        assertEquals(Map.of("project_id", id, "status", "scheduled", "scheduled_at", "2030-11-03T14:00:00Z",
                "scheduled_timezone", "America/New_York", "daily_cap_bypass", false), plain(ok.data()));
        JsonNode p = w.project(id);
        assertEquals("2030-11-03T14:00:00Z", p.get("scheduled_at").asText());
        assertEquals("America/New_York", p.get("scheduled_timezone").asText());

        JsonNode moved = schedule(id, Map.of("scheduled_at", "2030-11-04T09:00:00-08:00",
                "scheduled_timezone", "Pacific/Honolulu", "daily_cap_bypass", true)).data();
        assertEquals("2030-11-04T17:00:00Z", moved.get("scheduled_at").asText(), "rescheduled");
        assertTrue(moved.get("daily_cap_bypass").asBoolean());
        assertTrue(schedule(id, Map.of("scheduled_at", "2020-01-01T00:00:00Z", "scheduled_timezone", "America/Anchorage"))
                .data().get("daily_cap_bypass").asBoolean(), "the bypass is kept until a schedule says otherwise; the past is now");
        assertFalse(schedule(id, Map.of("scheduled_at", "2020-01-01T00:00:00Z", "scheduled_timezone", "America/Anchorage",
                "daily_cap_bypass", false)).data().get("daily_cap_bypass").asBoolean());
        refused(schedule("proj_none", Map.of("scheduled_at", "2030-11-03T09:00:00Z", "scheduled_timezone", "America/Denver")),
                404, "NOT_FOUND", null, null);
    }

    @Test
    void aProjectWithoutListsOrWhoseNumberWasReleasedIsNotScheduled() {
        String bare = w.created(w.body());
        ApiClient.Response incomplete = schedule(bare, Map.of("scheduled_at", "2030-11-03T09:00:00Z",
                "scheduled_timezone", "America/Chicago"));
        refused(incomplete, 409, "CONFLICT", null, null);
        assertEquals("PROJECT_INCOMPLETE", incomplete.json().at("/details/reason").asText());
        assertEquals("contact_list_ids", incomplete.json().at("/details/missing/0").asText());

        String number = w.number(w.campaign);
        String id = w.created(with(w.body(list), "phone_number_ids", List.of(number)));
        assertEquals(200, w.root.patch("/v1/phone-numbers/" + number, Map.of("status", "released")).status());
        refused(schedule(id, Map.of("scheduled_at", "2030-11-03T09:00:00Z", "scheduled_timezone", "America/Chicago")),
                400, "VALIDATION_ERROR", "phone_number_ids", "is released");
        assertEquals("draft", status(id));
    }

    @Test
    void unschedulingIsSafeToRepeatAndReturnsToWhereTheProjectWas() {
        String id = w.created(w.body(list));
        JsonNode never = unschedule(id).data();
        assertEquals("draft", never.get("status").asText());
        assertTrue(never.get("unscheduled_at").isNull(), "never scheduled, never unscheduled");

        assertEquals(200, schedule(id, Map.of("scheduled_at", "2030-11-03T09:00:00Z", "scheduled_timezone", "America/Chicago")).status());
        ApiClient.Response first = unschedule(id);
        assertEquals(200, first.status(), first.toString());
        assertEquals(id, first.data().get("project_id").asText());
        assertEquals("draft", first.data().get("status").asText());
        String when = first.data().get("unscheduled_at").asText();
        ApiClient.Response again = unschedule(id);
        assertEquals(200, again.status());
        assertEquals("draft", again.data().get("status").asText());
        assertEquals(when, again.data().get("unscheduled_at").asText(), "the second changes nothing");
        JsonNode p = w.project(id);
        assertTrue(p.get("scheduled_at").isNull());
        assertTrue(p.get("scheduled_timezone").isNull());

        assertTrue(w.service().lifecycle().testSent(id));
        schedule(id, Map.of("scheduled_at", "2030-11-03T09:00:00Z", "scheduled_timezone", "America/Chicago"));
        assertEquals("awaiting_test", unschedule(id).data().get("status").asText(), "a tested project goes back to awaiting_test");
        refused(unschedule("proj_none"), 404, "NOT_FOUND", null, null);
    }

    @Test
    void theEngineMovesProjectsOnlyAsTheTableAllows() {
        Recording engine = new Recording();
        w.service().sendWith(engine);
        ProjectLifecycle life = w.service().lifecycle();
        String id = w.created(w.body(list));
        assertFalse(life.startSending(id), "a draft does not start");
        assertFalse(life.pause(id, PauseReason.MANUAL, false));
        assertFalse(life.resume(id));
        assertFalse(life.complete(id));
        assertFalse(life.startSending("proj_none"));

        schedule(id, Map.of("scheduled_at", "2030-11-03T09:00:00Z", "scheduled_timezone", "America/Chicago"));
        assertEquals(List.of("scheduled " + id + " 2030-11-03T09:00:00Z"), engine.calls);
        assertTrue(life.startSending(id));
        assertFalse(life.startSending(id), "told twice, moved once");
        assertEquals("sending", status(id));
        refused(schedule(id, Map.of("scheduled_at", "2030-11-03T09:00:00Z", "scheduled_timezone", "America/Chicago")),
                409, "CONFLICT", null, "PROJECT_STATUS");
        refused(unschedule(id), 409, "CONFLICT", null, "sending");
        refused(w.root.patch("/v1/projects/" + id, Map.of("name", "x")), 409, "CONFLICT", null, null);

        assertTrue(life.pause(id, PauseReason.QUIET_HOURS, true));
        assertFalse(life.pause(id, PauseReason.QUIET_HOURS, true));
        JsonNode paused = w.project(id);
        assertEquals("paused", paused.get("status").asText());
        assertEquals("quiet_hours", paused.get("pause_reason").asText());
        assertTrue(paused.get("auto_paused").asBoolean());
        assertTrue(life.resume(id));
        JsonNode resumed = w.project(id);
        assertEquals("sending", resumed.get("status").asText(), "it had started: back to sending");
        assertTrue(resumed.get("pause_reason").isNull());
        assertFalse(resumed.get("auto_paused").asBoolean());

        assertTrue(life.pause(id, PauseReason.BRAND_DAILY_CAP, true));
        JsonNode restarted = schedule(id, Map.of("scheduled_at", "2030-11-04T09:00:00Z", "scheduled_timezone",
                "America/Chicago", "daily_cap_bypass", true)).data();
        assertEquals("scheduled", restarted.get("status").asText(), "scheduling resumes a paused project");
        assertTrue(w.project(id).get("pause_reason").isNull());
        assertEquals("scheduled " + id + " 2030-11-04T09:00:00Z", engine.calls.getLast());
        assertTrue(life.startSending(id));
        assertTrue(life.complete(id));
        assertFalse(life.complete(id));
        assertEquals("completed", status(id));
        refused(unschedule(id), 409, "CONFLICT", null, "completed");
        refused(schedule(id, Map.of("scheduled_at", "2030-11-03T09:00:00Z", "scheduled_timezone", "America/Chicago")),
                409, "CONFLICT", null, null);

        String early = w.created(w.body(list));
        schedule(early, Map.of("scheduled_at", "2030-11-03T09:00:00Z", "scheduled_timezone", "America/Chicago"));
        assertTrue(life.pause(early, PauseReason.UNREGISTERED_CAMPAIGN, true));
        assertTrue(life.resume(early));
        assertEquals("scheduled", status(early), "it had not started: back to scheduled");
        assertTrue(life.pause(early, PauseReason.MANUAL, false));
        assertEquals("draft", unschedule(early).data().get("status").asText(), "a paused project can be unscheduled");
        assertEquals("unscheduled " + early, engine.calls.getLast());
    }

    @Test
    void theSendPlanHoldsWhatTheEngineSendsBy() throws Exception {
        String domain = TestServer.idOf(w.root.post("/v1/tracking-domains", Map.of("domain", "go.plan.org",
                "organization_id", w.org, "status", "active")));
        String picture = w.media();
        String id = w.created(with(w.body(list), "protocol", "mms", "media_ids", List.of(picture),
                "phone_number_ids", List.of(w.secondNumber, w.number), "message_text", "Hi {first_name|there}: {link}",
                "link_tracking_enabled", true, "link_tracking_domain_id", domain,
                "link_tracking_destination_url", "https://vote.example.org/", "link_tracking_param_field", "phone",
                "suppression_list_ids", List.of(w.list("Phone\n2025550299\n", Map.of()))));
        schedule(id, Map.of("scheduled_at", "2030-11-03T09:00:00Z", "scheduled_timezone", "America/Chicago",
                "daily_cap_bypass", true));
        SendPlan plan = w.service().lifecycle().sendPlan(id);
        assertEquals(id, plan.projectId());
        assertEquals(w.org, plan.organizationId());
        assertEquals(ProjectStatus.SCHEDULED, plan.status());
        assertEquals("10dlc", plan.channel());
        assertEquals(w.campaign, plan.campaignId());
        assertEquals(List.of(w.secondNumber, w.number), plan.numbers().stream().map(SendPlan.Sender::phoneNumberId).toList());
        assertTrue(plan.numbers().getFirst().number().matches("\\+1202555\\d{4}"), plan.numbers().toString());
        assertEquals("active", plan.numbers().getFirst().status());
        assertEquals("mms", plan.protocol());
        assertEquals(List.of(picture), plan.mediaIds());
        assertEquals(List.of(), plan.mediaUrls(), "no CIVICAST_PUBLIC_BASE_URL: no URL carriers could fetch");
        assertEquals(new LinkTracking(domain, "https://vote.example.org/", "phone", null), plan.linkTracking());
        assertEquals(List.of(list), plan.contactListIds());
        assertEquals(1, plan.suppressionListIds().size());
        assertTrue(plan.optOutFooter());
        assertTrue(plan.smartEncoding());
        assertEquals(Instant.parse("2030-11-03T09:00:00Z"), plan.scheduledAt());
        assertEquals("America/Chicago", plan.scheduledTimezone());
        assertTrue(plan.dailyCapBypass());
        assertEquals("Hi Ann: https://go.plan.org/abc\nReply STOP to opt out",
                plan.composer().body(Map.of("first_name", "Ann", "link", "https://go.plan.org/abc")));
        assertThrows(NoSuchElementException.class, () -> w.service().lifecycle().sendPlan("proj_none"));
        assertEquals(java.util.Optional.of(ProjectStatus.SCHEDULED), w.service().lifecycle().status(id));
        assertEquals(java.util.Optional.empty(), w.service().lifecycle().status("proj_none"));
        String plain = w.created(w.body(list));
        assertNull(w.service().lifecycle().sendPlan(plain).linkTracking(), "no link tracking, no settings");
    }

    @Test
    void throughputAppliesTheCampaignsCapsToTheAudience() throws Exception {
        String id = w.created(w.body(list));
        JsonNode t = w.root.get("/v1/projects/" + id + "/throughput").data();
        assertEquals(id, t.get("project_id").asText());
        assertTrue(t.get("carrier_metered").asBoolean());
        assertEquals(40_000, t.at("/t_mobile/daily_cap").asInt(), "vetting score 60: 40,000 a day");
        assertEquals(0, t.at("/t_mobile/used_today").asInt());
        assertEquals(40_000, t.at("/t_mobile/remaining_today").asInt());
        assertEquals(3, t.at("/t_mobile/estimated_recipients").asInt(), "no carrier known: every recipient may be T-Mobile's");
        assertFalse(t.at("/t_mobile/will_pause").asBoolean());
        assertEquals(1, t.at("/t_mobile/estimated_send_days").asInt());
        assertEquals(2_400, t.at("/att/tpm").asInt());
        assertEquals(3, t.at("/att/estimated_recipients").asInt());
        assertEquals(1, t.at("/att/estimated_minutes").asInt());
        assertEquals(3, t.get("recipients").asInt());
        assertEquals(0.0, t.get("carrier_coverage").asDouble());

        try (Connection c = DriverManager.getConnection(w.server.databaseUrl())) {
            c.createStatement().execute("UPDATE contacts SET carrier = CASE phone WHEN 12025550201 THEN 'T-Mobile USA, Inc.' "
                    + "ELSE 'AT&T Wireless' END, line_type = 'mobile', looked_up_at = now() "
                    + "WHERE list_key = (SELECT list_key FROM contact_lists WHERE id = '" + list + "')");
        }
        Recording engine = new Recording();
        engine.usedToday = 39_999;
        w.service().sendWith(engine);
        t = w.root.get("/v1/projects/" + id + "/throughput").data();
        assertEquals(1.0, t.get("carrier_coverage").asDouble());
        assertEquals(1, t.at("/t_mobile/estimated_recipients").asInt());
        assertEquals(2, t.at("/att/estimated_recipients").asInt());
        assertEquals(39_999, t.at("/t_mobile/used_today").asInt(), "used today comes from the engine");
        assertEquals(1, t.at("/t_mobile/remaining_today").asInt());
        assertFalse(t.at("/t_mobile/will_pause").asBoolean(), "one T-Mobile segment fits the one left");

        String capped = w.campaign(w.brand, "Capped", Map.of("tmobile_daily_cap", 1, "att_mms_tpm", 1));
        String number = w.number(capped);
        String big = w.created(with(w.body(list), "campaign_id", capped, "phone_number_ids", List.of(number),
                "message_text", "x".repeat(300)));
        engine.usedToday = 0;
        t = w.root.get("/v1/projects/" + big + "/throughput").data();
        assertEquals(1, t.at("/t_mobile/daily_cap").asInt());
        assertTrue(t.at("/t_mobile/will_pause").asBoolean(), "1 recipient × 3 segments over a cap of 1");
        assertEquals(3, t.at("/t_mobile/estimated_send_days").asInt());
        assertEquals(200, w.root.patch("/v1/projects/" + big, Map.of("protocol", "mms")).status());
        assertEquals(1, w.root.get("/v1/projects/" + big + "/throughput").data().at("/att/tpm").asInt(), "the MMS rate");
        schedule(big, Map.of("scheduled_at", "2030-11-03T09:00:00Z", "scheduled_timezone", "America/Chicago",
                "daily_cap_bypass", true));
        t = w.root.get("/v1/projects/" + big + "/throughput").data();
        assertFalse(t.at("/t_mobile/will_pause").asBoolean(), "with the bypass it runs past the cap");
        assertEquals(1, t.at("/t_mobile/estimated_send_days").asInt());

        String committee = TestServer.idOf(w.root.post("/v1/brands", Map.of("brand_name", "Committee", "organization_id",
                w.org, "vertical", "POLITICAL", "campaign_verify_token",
                "cv|1.0|tcr|10dlc|9957c339-d46f-49f7-a399-2d2d3a2b1e5d|0123456789abcdef")));
        String political = w.campaign(committee, "Verified", Map.of());
        String verified = w.created(with(w.body(list), "brand_id", committee, "campaign_id", political,
                "phone_number_ids", List.of(w.number(political))));
        JsonNode exempt = w.root.get("/v1/projects/" + verified + "/throughput").data();
        assertFalse(exempt.get("carrier_metered").asBoolean(), exempt.toString());
        assertTrue(exempt.get("t_mobile").isNull());
        assertTrue(exempt.get("att").isNull());
        assertFalse(exempt.has("recipients"), "recipients and coverage only when metered");

        String tollFree = w.created(with(w.body(list), "channel", "toll-free", "brand_id", null, "campaign_id", null,
                "toll_free_verification_id", w.tfv, "phone_number_ids", List.of(w.tollFreeNumber)));
        assertFalse(w.root.get("/v1/projects/" + tollFree + "/throughput").data().get("carrier_metered").asBoolean());
        assertEquals(404, w.root.get("/v1/projects/proj_none/throughput").status());
    }

    private static Map<String, Object> plain(JsonNode object) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().isBoolean() ? e.getValue().asBoolean()
                : e.getValue().asText()));
        assertNull(out.get("missing"));
        return out;
    }
}
