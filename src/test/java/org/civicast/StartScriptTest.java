package org.civicast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/civicast: the README's start command gives the jar the JVM's start-up cache for its Java version. */
class StartScriptTest {
    static final Path SCRIPT = Path.of("bin/civicast");

    /** Stands in for the server jar: prints the JVM options and the arguments it was given. */
    public static final class ShowOptions {
        public static void main(String[] args) {
            System.out.println("OPTIONS " + ManagementFactory.getRuntimeMXBean().getInputArguments());
            System.out.println("ARGS " + List.of(args));
        }
    }

    @Test
    void aServingStartMakesTheCacheAndLaterStartsUseIt(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("civicast.jar");
        writeJar(jar);
        boolean aot = Runtime.version().feature() >= 25;
        Path cache = dir.resolve("civicast-java-" + System.getProperty("java.version") + (aot ? ".aot" : ".jsa"));
        Path ready = Path.of(cache + ".ready");
        String make = aot ? "-XX:AOTCacheOutput=" + cache : "-XX:SharedArchiveFile=" + cache;
        String use = "[" + (aot ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + cache + "]";

        // An admin command neither makes a cache nor needs one.
        String admin = run(jar, "admin", "orgs list");
        assertTrue(admin.contains("OPTIONS []") && admin.contains("ARGS [admin, orgs list]"), admin);

        // A serve that stops before serving (no ".ready") leaves a cache that is not used.
        String failed = run(jar, "serve");
        assertTrue(failed.contains(make) && failed.contains("-Dcivicast.startupCacheReady=" + ready), failed);
        assertTrue(Files.exists(cache), "made when the JVM exited");
        assertTrue(run(jar).contains(make), "made again");

        // Once a start has served, its cache is used, by admin commands too.
        Files.writeString(ready, "ready\n");
        assertTrue(run(jar).contains("OPTIONS " + use));
        assertTrue(run(jar, "admin", "orgs list").contains("OPTIONS " + use));

        // A rebuilt jar is newer than its cache: the next start makes a new one.
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(5)));
        assertTrue(run(jar).contains(make));
    }

    private static String run(Path jar, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("sh", SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("CIVICAST_JAR", jar.toString());
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), output);
        assertEquals(0, p.exitValue(), output);
        return output;
    }

    private static void writeJar(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, ShowOptions.class.getName());
        String entry = ShowOptions.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest);
             InputStream in = StartScriptTest.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
        }
    }
}
