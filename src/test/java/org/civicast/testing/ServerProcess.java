package org.civicast.testing;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The real server as its own process on the embedded default, for tests that kill it with
 * SIGKILL and start it again on the same data directory.
 */
public final class ServerProcess {
    private ServerProcess() {}

    /** Starts the server and waits until it says it is ready; {@code settings} add to the basic ones. */
    public static Process start(Path dataDir, String rootKey, int port, Map<String, String> settings) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.civicast.Main");
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("CIVICAST_"));
        env.put("CIVICAST_DATA_DIR", dataDir.toString());
        env.put("CIVICAST_PORT", String.valueOf(port));
        env.put("CIVICAST_BIND_ADDRESS", "127.0.0.1");
        env.put("CIVICAST_BOOTSTRAP_API_KEY", rootKey);
        env.put("CIVICAST_RATE_LIMIT_PER_HOUR", "100000");
        env.put("CIVICAST_QUIET_HOURS", "none"); // tests run at any hour of the recipients' day
        env.putAll(settings);
        pb.redirectErrorStream(true);
        Process process = pb.start();
        CompletableFuture<Boolean> ready = new CompletableFuture<>();
        // The last lines it printed, for the report of a start that failed.
        java.util.Deque<String> last = new java.util.concurrent.ConcurrentLinkedDeque<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    if (!ready.isDone()) {
                        last.addLast(line);
                        if (last.size() > 30) last.pollFirst();
                    }
                    if (line.contains(" ready on https port ")) ready.complete(true);
                }
            } catch (Exception ignored) {
                // the process was killed
            }
            ready.complete(false);
        });
        if (!ready.get(120, TimeUnit.SECONDS)) {
            throw new AssertionError("server did not become ready; it printed:\n" + String.join("\n", last));
        }
        return process;
    }

    public static int freePort() throws Exception {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
