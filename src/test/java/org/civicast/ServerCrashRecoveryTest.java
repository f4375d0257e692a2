package org.civicast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.civicast.testing.ApiClient;
import org.civicast.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real server process on the embedded default, killed with SIGKILL mid-life and started
 * again on the same data directory: it comes back, with everything it had accepted.
 */
class ServerCrashRecoveryTest {

    private static Process serve(Path dataDir, String rootKey, int port) throws Exception {
        return org.civicast.testing.ServerProcess.start(dataDir, rootKey, port, Map.of());
    }

    private static int freePort() throws Exception {
        return org.civicast.testing.ServerProcess.freePort();
    }

    @Test
    void comesBackAfterSigkillWithItsData(@TempDir Path dataDir) throws Exception {
        String rootKey = TestServer.randomKey();
        int port = freePort();
        Process first = serve(dataDir, rootKey, port);
        ApiClient client = TestServer.clientFor("https://localhost:" + port, dataDir, rootKey);
        ApiClient.Response created = client.post("/v1/organizations", Map.of("display_name", "Survivor"));
        assertEquals(201, created.status(), created.toString());
        String orphan = Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).getFirst().trim();
        Path postgres = ProcessHandle.of(Long.parseLong(orphan)).orElseThrow().info().command().map(Path::of)
                .orElseThrow();
        assertTrue(postgres.startsWith(dataDir.toRealPath().resolve("pg-binaries")),
                "by default the PostgreSQL programs are unpacked into the data directory: " + postgres);

        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertTrue(ProcessHandle.of(Long.parseLong(orphan)).map(ProcessHandle::isAlive).orElse(false),
                "the embedded PostgreSQL outlives a SIGKILL of the server (the case under test)");

        Instant restart = Instant.now();
        Process second = serve(dataDir, rootKey, port);
        try {
            assertTrue(Duration.between(restart, Instant.now()).toSeconds() < 60);
            var names = client.get("/v1/organizations").data().toString();
            assertTrue(names.contains("Survivor"), names);
            assertTrue(ProcessHandle.of(Long.parseLong(orphan)).map(p -> !p.isAlive()).orElse(true),
                    "the orphaned PostgreSQL was stopped");
        } finally {
            second.destroy();
            assertTrue(second.waitFor(60, TimeUnit.SECONDS), "SIGTERM stops the server");
        }
        assertTrue(!Files.exists(dataDir.resolve("postgres/postmaster.pid")), "a clean stop stops PostgreSQL too");
    }
}
