package org.civicast.sending;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.civicast.contacts.FileServer;
import org.civicast.testing.ApiClient;
import org.civicast.testing.ServerProcess;
import org.civicast.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broadcast to thousands, with the real server process killed with SIGKILL at random moments
 * and started again each time; in the end the carrier simulator's own record — written by the
 * network before it answers, and kept across the restarts — shows every recipient once.
 */
class BroadcastCrashTest {
    static final int RECIPIENTS = 4000;
    static final int KILLS = 5;

    @Test
    void killedAtRandomPointsTheBroadcastReachesEveryRecipientExactlyOnce(@TempDir Path dataDir) throws Exception {
        String rootKey = TestServer.randomKey();
        int port = ServerProcess.freePort();
        Map<String, String> settings = new HashMap<>(Map.of("CIVICAST_OUTBOUND_ALLOWLIST", "127.0.0.1",
                "CIVICAST_OUTBOUND_ALLOW_HTTP", "true", "CIVICAST_JOBS_POLL_MILLIS", "100",
                "CIVICAST_JOBS_LEASE_SECONDS", "2", "CIVICAST_CONGRESS_LOAD_ON_START", "false",
                // Slow enough that the kills land in the middle: 1,000 a second, 20 ms a hand-off.
                "CIVICAST_SIMULATOR_MESSAGES_PER_SECOND", "1000", "CIVICAST_SIMULATOR_LATENCY_MILLIS", "20"));
        Random random = new Random(20261130);
        StringBuilder csv = new StringBuilder("Phone,First\n");
        for (int i = 0; i < RECIPIENTS; i++) {
            // Area codes in five of the bands the audience is written in, so kills land between bands too.
            csv.append('(').append(List.of("212", "312", "415", "617", "917").get(i % 5)).append(") ").append(200 + i / 10_000).append("-").append(String.format("%04d", i % 10_000))
                    .append(",Voter ").append(i).append('\n');
        }
        try (FileServer files = new FileServer()) {
            Process server = ServerProcess.start(dataDir, rootKey, port, settings);
            ApiClient api = TestServer.clientFor("https://localhost:" + port, dataDir, rootKey);
            String project = project(api, files.put("/crash.csv", csv.toString().getBytes(StandardCharsets.UTF_8)));
            ApiClient.Response scheduled = api.post("/v1/projects/" + project + "/schedule",
                    Map.of("scheduled_at", Instant.now().toString(), "scheduled_timezone", "America/Chicago"));
            assertEquals(200, scheduled.status(), scheduled.toString());
            List<Integer> sentAtKills = new java.util.ArrayList<>();
            try {
                for (int kill = 0; kill < KILLS; kill++) {
                    Thread.sleep(300 + random.nextInt(1200));
                    server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                    Path record = dataDir.resolve("carrier-simulator/accepted.tsv");
                    sentAtKills.add(Files.exists(record) ? Files.readAllLines(record).size() : 0);
                    server = ServerProcess.start(dataDir, rootKey, port, settings);
                }
                assertTrue(sentAtKills.stream().anyMatch(n -> n > 0 && n < RECIPIENTS),
                        "a kill landed in the middle of the broadcast: " + sentAtKills);
                long deadline = System.currentTimeMillis() + 180_000;
                String status = "";
                while (!status.equals("completed") && System.currentTimeMillis() < deadline) {
                    Thread.sleep(250);
                    status = api.get("/v1/projects/" + project).data().get("status").asText();
                }
                assertEquals("completed", status);
            } finally {
                server.destroy();
                server.waitFor(60, TimeUnit.SECONDS);
            }
        }
        List<String> record = Files.readAllLines(dataDir.resolve("carrier-simulator/accepted.tsv")).stream()
                .filter(l -> l.endsWith("\t.")).toList();
        Map<String, Long> perRecipient = record.stream()
                .collect(Collectors.groupingBy(l -> l.split("\t")[3], Collectors.counting()));
        assertEquals(RECIPIENTS, perRecipient.size(), "none got none");
        assertTrue(perRecipient.values().stream().allMatch(n -> n == 1),
                "none got two: " + perRecipient.entrySet().stream().filter(e -> e.getValue() > 1).limit(5).toList());
    }

    /** An organization's brand, campaign, number and list, and a project to them, through the API. */
    private static String project(ApiClient api, String listUrl) throws InterruptedException {
        String brand = TestServer.idOf(api.post("/v1/brands", Map.of("brand_name", "Crash PAC")));
        String campaign = TestServer.idOf(api.post("/v1/campaigns", Map.of("brand_id", brand, "name", "GOTV",
                "use_case", "POLITICAL")));
        String number = TestServer.idOf(api.post("/v1/phone-numbers", Map.of("number", "+13125550100",
                "channel", "10dlc", "campaign_id", campaign)));
        String list = api.post("/v1/contact-lists/import", Map.of("source_url", listUrl, "list_name", "Crash",
                "phone_column", "phone", "merge_tags", Map.of("first_name", "First"))).data().get("list_id").asText();
        JsonNode imported = null;
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            imported = api.get("/v1/contact-lists/" + list).data();
            if (!imported.at("/import/status").asText().equals("processing")) break;
            Thread.sleep(100);
        }
        assertEquals(RECIPIENTS, imported.at("/import/clean_contacts").asInt(), imported.toString());
        String org = api.get("/v1/organizations").data().get(0).get("id").asText();
        ApiClient.Response created = api.post("/v1/projects", Map.of("organization_id", org, "brand_id", brand,
                "campaign_id", campaign, "phone_number_ids", List.of(number), "name", "Crash", "protocol", "sms",
                "message_text", "Hi {first_name|friend}, polls close at 8pm.", "contact_list_ids", List.of(list)));
        assertEquals(201, created.status(), created.toString());
        return created.data().get("project_id").asText();
    }
}
