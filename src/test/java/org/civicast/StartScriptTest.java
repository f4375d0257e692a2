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
    void theFirstStartOfABuildMakesTheCacheAndLaterStartsUseIt(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("civicast.jar");
        writeJar(jar);
        int feature = Runtime.version().feature();
        String cache = dir.resolve("civicast-java-" + System.getProperty("java.version")).toString();

        String first = run(jar, "admin", "orgs list");
        assertTrue(first.contains("ARGS [admin, orgs list]"), first);
        if (feature >= 25) {
            assertTrue(first.contains("-XX:AOTCacheOutput=" + cache + ".aot"), first);
            assertTrue(Files.exists(Path.of(cache + ".aot")), "made when the JVM exited");
            String second = run(jar);
            assertTrue(second.contains("[-XX:AOTCache=" + cache + ".aot]"), second);

            // A rebuilt jar is newer than its cache: the next start makes a new one.
            Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(5)));
            assertTrue(run(jar).contains("-XX:AOTCacheOutput=" + cache + ".aot"));
        } else {
            assertTrue(first.contains("-XX:+AutoCreateSharedArchive, -XX:SharedArchiveFile=" + cache + ".jsa"), first);
        }
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
