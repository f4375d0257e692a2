package org.civicast.contacts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.civicast.testing.ApiClient;
import org.civicast.testing.ServerProcess;
import org.civicast.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real server process killed with SIGKILL in the middle of an import, then started again: the
 * import starts over by itself and the list ends ready with every row once, never part of them.
 */
class ImportCrashTest {
    static final int ROWS = 200_000;

    @Test
    void anImportKilledMidwayIsDoneOverWholeAfterTheRestart(@TempDir Path dataDir) throws Exception {
        StringBuilder csv = new StringBuilder("Phone,First,Ward\n");
        for (int i = 0; i < ROWS; i++) {
            csv.append("(202) ").append(200 + i / 10_000 % 800).append('-').append(String.format("%04d", i % 10_000))
                    .append(",Voter ").append(i).append(",\"Ward, ").append(i % 9).append("\"\n");
        }
        byte[] file = csv.toString().getBytes(StandardCharsets.UTF_8);
        String rootKey = TestServer.randomKey();
        int port = ServerProcess.freePort();
        Map<String, String> settings = Map.of("CIVICAST_OUTBOUND_ALLOWLIST", "127.0.0.1",
                "CIVICAST_OUTBOUND_ALLOW_HTTP", "true", "CIVICAST_JOBS_POLL_MILLIS", "100",
                "CIVICAST_JOBS_LEASE_SECONDS", "3", "CIVICAST_CONGRESS_LOAD_ON_START", "false");
        try (FileServer files = new FileServer()) {
            String url = files.put("/big.csv", file) + "?throttle";
            Process first = ServerProcess.start(dataDir, rootKey, port, settings);
            ApiClient client = TestServer.clientFor("https://localhost:" + port, dataDir, rootKey);
            ApiClient.Response accepted = client.post("/v1/contact-lists/import",
                    Map.of("source_url", url, "list_name", "Crash", "phone_column", "phone"));
            assertEquals(202, accepted.status(), accepted.toString());
            String id = accepted.data().get("list_id").asText();
            long deadline = System.currentTimeMillis() + 60_000;
            while (files.sent.get() < file.length / 3 && System.currentTimeMillis() < deadline) Thread.sleep(20);
            assertTrue(files.sent.get() < file.length, "killed while the file was still arriving");
            first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

            Process second = ServerProcess.start(dataDir, rootKey, port, settings);
            try {
                JsonNode list = null;
                deadline = System.currentTimeMillis() + 120_000;
                while (System.currentTimeMillis() < deadline) {
                    list = client.get("/v1/contact-lists/" + id).data();
                    String status = list.at("/import/status").asText();
                    if (status.equals("ready") || status.equals("failed")) break;
                    Thread.sleep(200);
                }
                assertEquals("ready", list.at("/import/status").asText(), list.toString());
                assertEquals(ROWS, list.at("/import/total_rows").asInt());
                assertEquals(ROWS, list.at("/import/clean_contacts").asInt());
                // The analysis counts the list's stored contacts themselves: each row once, none missing.
                ApiClient.Response analysis = client.post("/v1/contact-lists/" + id + "/analyze", null);
                assertEquals(ROWS, analysis.data().at("/analysis/numbers_queued").asInt(), analysis.toString());
            } finally {
                second.destroy();
                second.waitFor(60, TimeUnit.SECONDS);
            }
        }
    }
}
