package org.civicast.advocacy.submissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.civicast.advocacy.delivery.FakeCwcServer;
import org.civicast.testing.ApiClient;
import org.civicast.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A supporter's letter through the Rally-compatible API: asked for exactly what its offices need
 * (202), completed with the submission id (201), and delivered by the background job to the House
 * through CWC (a local peer checking the XML) or recorded as undeliverable where no route exists.
 */
class SubmissionsTest {
    static final String TOKEN = "S".repeat(24) + "submissions01234567";
    static FakeCwcServer cwc;
    static TestServer server;
    static String basic;

    @BeforeAll
    static void start() throws Exception {
        cwc = FakeCwcServer.house("house-key");
        Map<String, String> settings = new HashMap<>();
        settings.put("CIVICAST_BOOTSTRAP_AUTH_TOKEN", TOKEN);
        settings.put("CIVICAST_CONGRESS_LOAD_ON_START", "true");
        settings.put("CIVICAST_CWC_HOUSE_URL", cwc.baseUrl().toString());
        settings.put("CIVICAST_CWC_HOUSE_API_KEY", "house-key");
        settings.put("CIVICAST_CWC_DELIVERY_AGENT", "Civicast test agent");
        settings.put("CIVICAST_CWC_ACK_EMAIL", "acks@example.org");
        settings.put("CIVICAST_CWC_CONTACT_NAME", "Operator");
        settings.put("CIVICAST_CWC_CONTACT_EMAIL", "ops@example.org");
        settings.put("CIVICAST_CWC_CONTACT_PHONE", "202-555-0100");
        settings.put("CIVICAST_OUTBOUND_ALLOWLIST", "127.0.0.1");
        server = TestServer.start(settings, Clock.systemUTC());
        basic = "Basic " + Base64.getEncoder().encodeToString(
                (server.rootOrganizationId() + ":" + TOKEN).getBytes(StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
        if (cwc != null) cwc.close();
    }

    private static String campaign(Map<String, Object> action) {
        ApiClient.Response created = server.root().post("/v1/advocacy/campaigns",
                Map.of("name", "Clean water", "actions", List.of(action)));
        assertEquals(201, created.status(), created.toString());
        return created.data().get("id").asText();
    }

    private static ApiClient.Response post(String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return server.client(null).send("POST", path, body,
                Map.of("Authorization", basic, "Content-Type", "application/x-www-form-urlencoded"));
    }

    private static Map<String, String> supporter(String email, String zip) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("prefix", "Other");
        form.put("firstname", "Paul");
        form.put("lastname", "Tarsus");
        form.put("street", "777 Pearl Gates");
        form.put("city", "Montgomery");
        form.put("state", "AL");
        form.put("zipcode", zip);
        form.put("email", email);
        form.put("subject", "Clean water");
        form.put("message", "Please act.");
        return form;
    }

    /** Answers every field a 202 asks for with its first option (or a plausible value), until the letter goes. */
    private static ApiClient.Response complete(String path, ApiClient.Response answer, Map<String, String> asked) {
        for (int round = 0; round < 4 && answer.status() == 202; round++) {
            Map<String, String> more = new LinkedHashMap<>();
            more.put("id", answer.json().get("id").asText());
            for (JsonNode f : answer.json().get("fields")) {
                String name = f.get("name") != null ? f.get("name").asText() : f.get("field").asText();
                String value = f.get("options").size() > 0 ? f.get("options").get(0).asText()
                        : name.equals("phone") ? "2025550143" : name.equals("zipplus") ? "1234" : "x";
                if (name.equals("prefix")) value = "Mr.";
                asked.put(name, value);
                more.put(name, value);
            }
            answer = post(path, more);
        }
        return answer;
    }

    private static String deliveryStatus(String deliveryId) throws Exception {
        try (Connection c = DriverManager.getConnection(server.databaseUrl());
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT status FROM advocacy_deliveries WHERE id = '" + deliveryId + "'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static void awaitDeliveries(JsonNode deliveries) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        for (JsonNode d : deliveries) {
            while (deliveryStatus(d.get("id").asText()).equals("queued") && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
            }
        }
    }

    @Test
    void aLetterAsksForWhatItsOfficesNeedThenGoesToEach() throws Exception {
        String id = campaign(Map.of("type", "letter", "subject", "Clean water", "message", "Dear member", "targets", "congress"));
        String path = "/v3/campaigns/" + id + "/letter";
        ApiClient.Response first = post(path, supporter("paul@example.org", "36104"));
        assertEquals(202, first.status(), first.toString());
        List<String> fields = new ArrayList<>();
        first.json().get("fields").forEach(f -> fields.add(f.get("field").asText()));
        assertTrue(fields.contains("prefix"), "CWC's prefix list, since 'Other' is not on it: " + fields);
        assertTrue(fields.contains("topic"), "the campaign has no topic and CWC needs one: " + fields);

        Map<String, String> asked = new LinkedHashMap<>();
        ApiClient.Response done = complete(path, first, asked);
        assertEquals(201, done.status(), done.toString());
        assertEquals(first.json().get("id").asText(), done.json().get("id").asText(), "the same submission, completed");
        JsonNode deliveries = done.json().get("deliveries");
        assertEquals(3, deliveries.size(), "the House member and both senators");
        String supporterId = done.json().at("/supporter/id").asText();
        JsonNode supporter = server.client(null).send("GET", "/v3/supporters/" + supporterId, null,
                Map.of("Authorization", basic)).json();
        assertEquals("paul@example.org", supporter.get("email").asText(), "the supporter, created from the letter");
        assertEquals("AL2", supporter.get("congressDistrict").asText());
        awaitDeliveries(deliveries);
        List<String> statuses = new ArrayList<>();
        for (JsonNode d : deliveries) statuses.add(deliveryStatus(d.get("id").asText()));
        assertTrue(statuses.contains("delivered"), "the House office through CWC: " + statuses);
        assertEquals(2, statuses.stream().filter(s -> s.equals("undeliverable_no_route")).count(),
                "no Senate channel is configured, so both are recorded, not dropped: " + statuses);
        String xml = String.join("\n", cwc.bodies);
        assertTrue(xml.contains("<MemberOffice>HAL02</MemberOffice>"), xml);
        assertTrue(xml.contains("<Prefix>Mr.</Prefix>"));

        ApiClient.Response again = post(path, supporter("PAUL@example.org", "36104"));
        assertEquals(200, again.status(), "the same action by the same person within the window: " + again);
        assertEquals(done.json().get("id").asText(), again.json().get("id").asText());
        assertTrue(again.json().get("repeated").asBoolean());
    }

    @Test
    void aLetterCarriesItsCampaignAsChangedThroughAnotherInstance() throws Exception {
        Map<String, Object> action = new LinkedHashMap<>(Map.of("type", "letter", "subject", "Clean water",
                "message", "The first statement", "targets", "house"));
        String id = campaign(action);
        String path = "/v3/campaigns/" + id + "/letter";
        Map<String, String> form = supporter("before@example.org", "36104");
        form.put("prefix", "Mr.");
        form.put("topic", "Health");
        ApiClient.Response before = post(path, form);
        assertEquals(201, before.status(), before.toString());
        awaitDeliveries(before.json().get("deliveries"));
        assertTrue(cwc.bodies.getLast().contains("The first statement"), cwc.bodies.getLast());

        // Another instance, running no delivery workers, changes the campaign: this one's next delivery,
        // made by its own workers, must carry the new statement, not the one it read before.
        try (TestServer other = TestServer.startOn(server.databaseUrl(),
                Map.of("CIVICAST_BOOTSTRAP_API_KEY", server.rootKey(), "CIVICAST_JOBS_WORKERS", "0"),
                Clock.systemUTC())) {
            action.put("message", "The second statement");
            ApiClient.Response changed = other.root().patch("/v1/advocacy/campaigns/" + id,
                    Map.of("actions", List.of(action)));
            assertEquals(200, changed.status(), changed.toString());
        }
        String shown = server.client(null).send("GET", path, null, Map.of("Authorization", basic)).json().toString();
        assertTrue(shown.contains("The second statement") && !shown.contains("The first statement"), shown);
        form.put("email", "after@example.org");
        ApiClient.Response after = post(path, form);
        assertEquals(201, after.status(), after.toString());
        awaitDeliveries(after.json().get("deliveries"));
        String xml = cwc.bodies.getLast();
        assertTrue(xml.contains("The second statement") && !xml.contains("The first statement"), xml);

        try (TestServer other = TestServer.startOn(server.databaseUrl(),
                Map.of("CIVICAST_BOOTSTRAP_API_KEY", server.rootKey(), "CIVICAST_JOBS_WORKERS", "0"),
                Clock.systemUTC())) {
            assertEquals(200, other.root().patch("/v1/advocacy/campaigns/" + id, Map.of("status", "closed")).status());
        }
        form.put("email", "closed@example.org");
        ApiClient.Response closed = post(path, form);
        assertEquals(400, closed.status(), "closed through the other instance: " + closed);
    }

    @Test
    void aZipThatSpansDistrictsAsksForTheDistrict() {
        String id = campaign(Map.of("type", "letter", "message", "Dear member", "targets", "house"));
        String path = "/v3/campaigns/" + id + "/letter";
        ApiClient.Response split = post(path, supporter("ann@example.org", "36602"));
        assertEquals(202, split.status(), split.toString());
        assertEquals("district", split.json().at("/fields/0/field").asText());
        List<String> options = new ArrayList<>();
        split.json().at("/fields/0/options").forEach(o -> options.add(o.asText()));
        assertEquals(List.of("AL1", "AL2"), options);
        assertEquals(2, split.json().get("candidates").size());

        ApiClient.Response wrong = post(path, Map.of("id", split.json().get("id").asText(), "district", "AL7"));
        assertEquals(400, wrong.status());
        ApiClient.Response chosen = post(path, Map.of("id", split.json().get("id").asText(), "district", "AL1",
                "prefix", "Ms.", "topic", "Environmental Protection"));
        assertEquals(201, chosen.status(), chosen.toString());
        assertEquals("HAL01", chosen.json().at("/deliveries/0/target/officeCode").asText());
    }

    @Test
    void twoPostsCompletingOnePendingSubmissionQueueItsLettersOnce() throws Exception {
        String id = campaign(Map.of("type", "letter", "message", "Dear member", "targets", "house"));
        String path = "/v3/campaigns/" + id + "/letter";
        ApiClient.Response split = post(path, supporter("race@example.org", "36602"));
        assertEquals(202, split.status(), split.toString());
        String pending = split.json().get("id").asText();
        // Different emails, so nothing but the pending row itself can keep the two apart.
        List<ApiClient.Response> answers = org.civicast.testing.Parallel.run(
                () -> post(path, Map.of("id", pending, "district", "AL1", "prefix", "Ms.",
                        "topic", "Environmental Protection", "email", "race-a@example.org")),
                () -> post(path, Map.of("id", pending, "district", "AL1", "prefix", "Ms.",
                        "topic", "Environmental Protection", "email", "race-b@example.org")));
        List<Integer> statuses = answers.stream().map(ApiClient.Response::status).sorted().toList();
        assertEquals(List.of(200, 201), statuses, answers.toString());
        try (Connection c = DriverManager.getConnection(server.databaseUrl());
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT count(*) FROM advocacy_deliveries WHERE submission_id = '" + pending + "'")) {
            rs.next();
            assertEquals(1, rs.getInt(1), "one letter to the one House office");
        }
    }

    @Test
    void aDryRunValidatesAndDeliversNothing() {
        String id = campaign(Map.of("type", "letter", "message", "Dear member", "targets", "house"));
        Map<String, String> form = supporter("dry@example.org", "36104");
        form.put("prefix", "Dr.");
        form.put("topic", "Health");
        form.put("mode", "no_delivery");
        ApiClient.Response dry = post("/v3/campaigns/" + id + "/letter", form);
        assertEquals(200, dry.status(), dry.toString());
        assertEquals("validated", dry.json().get("status").asText());
        assertEquals("HAL02", dry.json().at("/targets/0/officeCode").asText());
        assertEquals("accepted by CWC validation", dry.json().at("/targets/0/check").asText(),
                "the House office's letter was checked on CWC's /v2/validate");
        form.remove("mode");
        ApiClient.Response real = post("/v3/campaigns/" + id + "/letter", form);
        assertEquals(201, real.status(), "the dry run left nothing behind to count as a repeat: " + real);
    }

    @Test
    void postsOfOneSupporterAtOnceMakeOneLetter() throws Exception {
        String id = campaign(Map.of("type", "letter", "message", "Dear member", "targets", "house"));
        List<java.util.concurrent.Future<ApiClient.Response>> posts = new java.util.ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 8; i++) {
                Map<String, String> form = supporter(i % 2 == 0 ? "twice@example.org" : "Twice@Example.org", "36104");
                form.put("prefix", "Dr.");
                form.put("topic", "Health");
                posts.add(pool.submit(() -> post("/v3/campaigns/" + id + "/letter", form)));
            }
        }
        List<Integer> statuses = new java.util.ArrayList<>();
        for (var p : posts) statuses.add(p.get().status());
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), "one letter: " + statuses);
        assertEquals(7, statuses.stream().filter(s -> s == 200).count(), "the others are its repeats: " + statuses);
    }

    @Test
    void officeTopicsChosenOnceServeTheNextSupporterAndEach201IsWhatWasStored() {
        String id = campaign(Map.of("type", "letter", "message", "Dear member", "targets", "congress"));
        String path = "/v3/campaigns/" + id + "/letter";
        Map<String, String> asked = new LinkedHashMap<>();
        ApiClient.Response first = complete(path, post(path, supporter("first@example.org", "36104")), asked);
        assertEquals(201, first.status(), first.toString());
        assertTrue(asked.keySet().stream().anyMatch(k -> k.startsWith("topic_")),
                "the senators' contact forms ask for their own topic: " + asked);

        Map<String, String> next = supporter("second@example.org", "36104");
        asked.forEach((field, value) -> {
            if (!field.startsWith("topic_")) next.put(field, value);
        });
        ApiClient.Response second = post(path, next);
        assertEquals(201, second.status(), "the offices' topics are remembered for the campaign: " + second);
        assertEquals(3, second.json().get("deliveries").size());

        // A repeat reads the submission and its deliveries back from the database: the 201 said the same
        // (the deliveries' status aside, which the background job changes meanwhile).
        assertEquals(stored(first.json()), stored(post(path, supporter("first@example.org", "36104")).json()));
        assertEquals(stored(second.json()), stored(post(path, next).json()));
    }

    private static JsonNode stored(JsonNode answer) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = answer.deepCopy();
        copy.remove("repeated");
        copy.get("deliveries").forEach(d -> ((com.fasterxml.jackson.databind.node.ObjectNode) d).remove("status"));
        return copy;
    }

    @Test
    void badSubmissionsAreRefusedWithTheFieldsNamed() {
        String id = campaign(Map.of("type", "letter", "message", "Dear member"));
        ApiClient.Response missing = post("/v3/campaigns/" + id + "/letter", Map.of("email", "x@example.org"));
        assertEquals(400, missing.status());
        String errors = missing.json().at("/response/errors").toString();
        assertTrue(errors.contains("firstname is required") && errors.contains("zipcode is required"), errors);
        assertEquals(404, post("/v3/campaigns/adv_nope/letter", supporter("a@example.org", "36104")).status());
        assertEquals(404, post("/v3/campaigns/" + id + "/petition", supporter("a@example.org", "36104")).status());
        assertEquals(404, post("/v3/campaigns/" + id + "/letter", Map.of("id", "sub_unknown")).status());
        ApiClient.Response badZip = post("/v3/campaigns/" + id + "/letter", supporter("a@example.org", "00000"));
        assertEquals(400, badZip.status(), badZip.toString());
    }

    @Test
    void aPetitionRecordsASignature() {
        String id = campaign(Map.of("type", "petition", "message", "We the undersigned…"));
        ApiClient.Response signed = post("/v3/campaigns/" + id + "/petition",
                Map.of("firstname", "Ann", "lastname", "Lee", "email", "ann@example.org", "zipcode", "36104"));
        assertEquals(201, signed.status(), signed.toString());
        assertEquals("complete", signed.json().get("status").asText());
        assertEquals(0, signed.json().get("deliveries").size());
    }
}
