package org.civicast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The jar's entry point runs on old Java just far enough to say which Java it needs. */
class LauncherTest {

    @Test
    void anOlderJavaIsToldWhichJavaIsNeeded() throws Exception {
        Optional<Path> old = olderJava();
        assumeTrue(old.isPresent(), "no Java older than 21 installed under /usr/lib/jvm");
        Result r = run(old.get(), "serve");
        assertEquals(1, r.exit, r.output);
        assertTrue(r.output.contains("civicast: needs Java 21 or newer; this is Java "), r.output);
        assertTrue(r.output.contains(old.get().getParent().getParent().toString()), "names the java used: " + r.output);
        assertTrue(!r.output.contains("UnsupportedClassVersionError"), r.output);
    }

    @Test
    void aCurrentJavaGoesOnToTheServer() throws Exception {
        Result r = run(Path.of(ProcessHandle.current().info().command().orElseThrow()), "no-such-command");
        assertEquals(2, r.exit, r.output);
        assertTrue(r.output.startsWith("usage: java -jar civicast.jar"), r.output);
    }

    private record Result(int exit, String output) {}

    private static Result run(Path java, String argument) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                Launcher.class.getName(), argument).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Result(p.exitValue(), output);
    }

    /** A JDK or JRE below 21 from its release file, as Debian installs them. */
    private static Optional<Path> olderJava() throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) return Optional.empty();
        try (Stream<Path> homes = Files.list(jvms)) {
            for (Path home : homes.sorted().toList()) {
                Path release = home.resolve("release");
                Path java = home.resolve("bin/java");
                if (!Files.isRegularFile(release) || !Files.isExecutable(java)) continue;
                for (String line : Files.readAllLines(release)) {
                    if (!line.startsWith("JAVA_VERSION=")) continue;
                    String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    String feature = version.startsWith("1.") ? version.split("\\.")[1] : version.split("[.+-]")[0];
                    int major = Integer.parseInt(feature);
                    if (major >= 11 && major < 21) return Optional.of(java.toRealPath());
                }
            }
        }
        return Optional.empty();
    }
}
