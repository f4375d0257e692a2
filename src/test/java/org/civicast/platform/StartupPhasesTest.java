package org.civicast.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupPhasesTest {

    @Test
    void theLineNamesEveryPhaseWithItsMillisecondsAndThoseThatRanBeside() {
        StartupPhases phases = new StartupPhases();
        CompletableFuture<String> beside = phases.inParallel("tls", () -> {
            sleep(30);
            return "prepared";
        });
        assertEquals(7, phases.time("database", () -> {
            sleep(60);
            return 7;
        }));
        phases.run("migrations", () -> sleep(10));
        assertEquals("prepared", StartupPhases.join(beside));

        String line = phases.summary();
        assertTrue(line.matches("Started in \\d+ ms \\(\\d+ ms after the JVM started\\): "
                + "database (\\d+), migrations (\\d+); beside them: tls (\\d+)"), line);
        int database = Integer.parseInt(line.replaceAll(".*database (\\d+),.*", "$1"));
        assertTrue(database >= 60, line);
    }

    @Test
    void aFailureBesideIsThrownAsItWasThrown() {
        StartupPhases phases = new StartupPhases();
        IllegalStateException thrown = new IllegalStateException("no certificate");
        CompletableFuture<Object> failing = phases.inParallel("tls", () -> {
            throw thrown;
        });
        assertSame(thrown, assertThrows(IllegalStateException.class, () -> StartupPhases.join(failing)));
    }

    @Test
    void aServingStartTellsTheStartScriptItsCacheIsWorthKeeping(@TempDir Path dir) {
        Path ready = dir.resolve("civicast-java-25.aot.ready");
        StartupPhases.markReady(); // not asked: nothing happens
        assertFalse(Files.exists(ready));
        System.setProperty("civicast.startupCacheReady", ready.toString());
        try {
            StartupPhases.markReady();
        } finally {
            System.clearProperty("civicast.startupCacheReady");
        }
        assertTrue(Files.exists(ready));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
