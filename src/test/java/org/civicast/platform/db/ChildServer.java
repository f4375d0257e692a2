package org.civicast.platform.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A separate JVM running {@link EmbeddedDatabaseChild}, standing in for a Civicast server. */
final class ChildServer {
    final Process process;
    final StringBuffer output = new StringBuffer();
    final CompletableFuture<Integer> ready = new CompletableFuture<>();
    int port;

    private ChildServer(Process process) {
        this.process = process;
        Thread drain = new Thread(this::drain, "child-" + process.pid() + "-output");
        drain.setDaemon(true);
        drain.start();
    }

    static ChildServer start(Path dataDir) throws IOException {
        return start(dataDir, EmbeddedDatabaseTest.PROGRAMS, List.of());
    }

    /** With the PostgreSQL programs in programs (null: the default place) and extra JVM options. */
    static ChildServer start(Path dataDir, Path programs, List<String> jvmOptions) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                EmbeddedDatabaseChild.class.getName(), dataDir.toString()));
        if (programs != null) command.add(programs.toString());
        return new ChildServer(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    // Keeps reading after READY: the child relays PostgreSQL's log, and a full pipe would stall both.
    private void drain() {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                output.append(line).append('\n');
                if (line.startsWith("READY ")) {
                    ready.complete(Integer.parseInt(line.substring("READY ".length()).trim()));
                }
            }
        } catch (IOException e) {
            // the child is gone
        }
        ready.completeExceptionally(new IllegalStateException("child exited before READY:\n" + output));
    }

    void awaitReady() throws Exception {
        try {
            port = ready.get(90, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("child not READY in time:\n" + output, e);
        }
    }

    void close() throws Exception {
        try (Writer in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8)) {
            in.write("CLOSE\n");
        }
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "child did not exit:\n" + output);
        assertEquals(0, process.exitValue(), output.toString());
    }
}
