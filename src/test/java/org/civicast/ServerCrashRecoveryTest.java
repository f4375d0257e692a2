package org.civicast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.civicast.Main");
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("CIVICAST_"));
        env.put("CIVICAST_DATA_DIR", dataDir.toString());
        env.put("CIVICAST_PORT", String.valueOf(port));
        env.put("CIVICAST_BIND_ADDRESS", "127.0.0.1");
        env.put("CIVICAST_BOOTSTRAP_API_KEY", rootKey);
        env.put("CIVICAST_RATE_LIMIT_PER_HOUR", "100000");
        pb.redirectErrorStream(true);
        Process process = pb.start();
        CompletableFuture<Boolean> ready = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.contains(" ready on https port ")) ready.complete(true);
                }
            } catch (Exception ignored) {
                // the process was killed
            }
            ready.complete(false);
        });
        assertTrue(ready.get(120, TimeUnit.SECONDS), "server did not become ready");
        return process;
    }

    private static int freePort() throws Exception {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
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
