package org.civicast.advocacy.submissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.civicast.testing.ApiClient;
import org.civicast.testing.ServerProcess;
import org.civicast.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Letters posted while the server is killed with SIGKILL: every letter answered 201 is in the
 * database, whole (its submission, one delivery per office and the one job that delivers them), and
 * once the server is back its deliveries are made; a letter cut off mid-request is there whole or not at all.
 */
class LetterCrashTest {
    private static final String TOKEN = "C".repeat(24) + "crashletters01234567";
    private static final int WRITERS = 4;

    @Test
    void everyLetterAnswered201SurvivesAKillWholeAndIsDeliveredAfterTheRestart(@TempDir Path dataDir) throws Exception {
        String rootKey = TestServer.randomKey();
        int port = ServerProcess.freePort();
        // No delivery workers at first: every accepted letter's deliveries are still queued at the kill.
        Process first = ServerProcess.start(dataDir, rootKey, port, settings("0"));
        ApiClient root = TestServer.clientFor("https://localhost:" + port, dataDir, rootKey);
        String account = root.get("/v1/organizations").data().get(0).get("id").asText();
        ApiClient rally = TestServer.clientFor("https://localhost:" + port, dataDir, null);
        String basic = "Basic " + Base64.getEncoder().encodeToString((account + ":" + TOKEN).getBytes(StandardCharsets.UTF_8));

        ApiClient.Response campaign = root.post("/v1/advocacy/campaigns", Map.of("name", "Crash", "topic", "Health",
                "actions", List.of(Map.of("type", "letter", "subject", "Water", "message", "Dear member", "targets", "congress"))));
        assertEquals(201, campaign.status(), campaign.toString());
        String path = "/v3/campaigns/" + campaign.data().get("id").asText() + "/letter";
        Map<String, String> asked = firstLetter(rally, basic, path);

        Set<String> accepted = ConcurrentHashMap.newKeySet();
        List<String> unexpected = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            writers.add(Thread.ofVirtual().start(() -> {
                for (int n = 0; ; n++) {
                    Map<String, String> form = supporter("w" + writer + "-" + n + "@example.org");
                    form.putAll(asked);
                    ApiClient.Response answer;
                    try {
                        answer = post(rally, basic, path, form);
                    } catch (RuntimeException killed) {
                        return;
                    }
                    if (answer.status() != 201 || answer.json().get("deliveries").size() != 3) {
                        unexpected.add(answer.toString());
                        return;
                    }
                    accepted.add(answer.json().get("id").asText());
                }
            }));
        }
        long deadline = System.currentTimeMillis() + 60_000;
        while (accepted.size() < 40 && System.currentTimeMillis() < deadline) Thread.sleep(20);
        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        for (Thread t : writers) t.join(java.time.Duration.ofSeconds(60));
        assertEquals(List.of(), unexpected, "before the kill every letter was answered 201 with its three deliveries");
        Set<String> answered = Set.copyOf(accepted);
        assertTrue(answered.size() >= 40, "letters accepted before the kill: " + answered.size());

        Process second = ServerProcess.start(dataDir, rootKey, port, settings("4"));
        try {
            try (Connection db = database(dataDir)) {
                Map<String, int[]> stored = letters(db);
                assertTrue(stored.keySet().containsAll(answered), "every 201 is stored");
                stored.forEach((id, counts) -> assertEquals("3 deliveries, 1 job", counts[0] + " deliveries, " + counts[1]
                        + " job", "a stored letter is whole: " + id));
                long waitUntil = System.currentTimeMillis() + 60_000;
                while (queued(db) > 0 && System.currentTimeMillis() < waitUntil) Thread.sleep(100);
                assertEquals(0, queued(db), "the restarted server made every delivery that was queued at the kill");
            }
        } finally {
            second.destroy();
            assertTrue(second.waitFor(60, TimeUnit.SECONDS));
        }
    }

    private static Map<String, String> settings(String workers) {
        return Map.of("CIVICAST_BOOTSTRAP_AUTH_TOKEN", TOKEN, "CIVICAST_CONGRESS_LOAD_ON_START", "true",
                "CIVICAST_JOBS_WORKERS", workers, "CIVICAST_ADVOCACY_CONCURRENT_REQUESTS", "100");
    }

    /** The first supporter answers what the offices' forms ask for; later ones send the same up front. */
    private static Map<String, String> firstLetter(ApiClient rally, String basic, String path) {
        ApiClient.Response answer = post(rally, basic, path, supporter("first@example.org"));
        Map<String, String> asked = new LinkedHashMap<>();
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
            answer = post(rally, basic, path, more);
        }
        assertEquals(201, answer.status(), answer.toString());
        return asked;
    }

    private static Map<String, String> supporter(String email) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("prefix", "Mr.");
        form.put("firstname", "Paul");
        form.put("lastname", "Tarsus");
        form.put("street", "777 Pearl Gates");
        form.put("city", "Montgomery");
        form.put("state", "AL");
        form.put("zipcode", "36104");
        form.put("email", email);
        form.put("subject", "Water");
        form.put("message", "Please act.");
        return form;
    }

    private static ApiClient.Response post(ApiClient rally, String basic, String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return rally.send("POST", path, body,
                Map.of("Authorization", basic, "Content-Type", "application/x-www-form-urlencoded"));
    }

    private static Connection database(Path dataDir) throws Exception {
        List<String> pid = Files.readAllLines(dataDir.resolve("postgres/postmaster.pid"));
        String password = Files.readString(dataDir.resolve("postgres.password")).strip();
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + pid.get(3).strip() + "/postgres",
                "postgres", password);
    }

    /** Each complete submission's deliveries and the jobs that deliver them, counted. */
    private static Map<String, int[]> letters(Connection db) throws Exception {
        Map<String, int[]> letters = new LinkedHashMap<>();
        try (ResultSet rs = db.createStatement().executeQuery("""
                SELECT s.id,
                  (SELECT count(*) FROM advocacy_deliveries d WHERE d.submission_id = s.id),
                  (SELECT count(*) FROM jobs j
                   WHERE j.kind = 'advocacy.deliver_letter' AND j.payload::jsonb ->> 'submission_id' = s.id)
                FROM advocacy_submissions s WHERE s.status = 'complete'""")) {
            while (rs.next()) letters.put(rs.getString(1), new int[] {rs.getInt(2), rs.getInt(3)});
        }
        return letters;
    }

    private static int queued(Connection db) throws Exception {
        try (ResultSet rs = db.createStatement().executeQuery(
                "SELECT count(*) FROM advocacy_deliveries WHERE status = 'queued'")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
