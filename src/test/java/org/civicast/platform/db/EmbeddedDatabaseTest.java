package org.civicast.platform.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDatabaseTest {

    @TempDir
    Path dataDir;

    private final List<ChildServer> children = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        // A failed test must not leave servers behind to trip up the next one.
        children.forEach(child -> child.process.destroyForcibly());
        Path pgDir = dataDir.resolve(EmbeddedDatabase.PG_DIR);
        Postmaster.read(pgDir).filter(pm -> pm.identify(pgDir) == Postmaster.Identity.OURS)
                .flatMap(Postmaster::process).ifPresent(pm -> Postmaster.stop(pm, Duration.ofSeconds(1)));
    }

    @Test
    void keepsDataAcrossRestartsDurablyAndOnLoopbackOnly() throws Exception {
        long firstPostmaster;
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, 0)) {
            assertEquals("jdbc:postgresql://localhost:" + db.port() + "/postgres", db.jdbcUrl());
            assertEquals("postgres", db.user());
            execute(db, "CREATE TABLE notes (body text NOT NULL)");
            execute(db, "INSERT INTO notes (body) VALUES ('kept')");
            firstPostmaster = postmasterPid();
        }
        assertFalse(running(firstPostmaster),
                "close() stops PostgreSQL");
        assertFalse(Files.exists(dataDir.resolve(EmbeddedDatabase.PG_DIR).resolve(Postmaster.PID_FILE)));

        // attachOrStart with nobody holding the directory starts and owns the server like start().
        try (EmbeddedDatabase db = EmbeddedDatabase.attachOrStart(dataDir, 0)) {
            assertEquals("kept", query(db, "SELECT string_agg(body, ',') FROM notes"));
            assertEquals("on", query(db, "SHOW fsync"));
            assertEquals("on", query(db, "SHOW synchronous_commit"));
            assertEquals("localhost", query(db, "SHOW listen_addresses"));
            assertEquals("", query(db, "SHOW unix_socket_directories"));
            firstPostmaster = postmasterPid();
        }
        assertFalse(running(firstPostmaster));
    }

    @Test
    void recoversAfterTheServerWasKilledWithSigkill() throws Exception {
        ChildServer child = ChildServer.start(dataDir);
        children.add(child);
        child.awaitReady();
        long orphan = postmasterPid();
        int orphanPort = child.port;

        child.process.destroyForcibly();
        assertTrue(child.process.waitFor(30, TimeUnit.SECONDS));
        assertTrue(running(orphan),
                "PostgreSQL outlives a kill -9 of its JVM; that is the situation under test");

        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, orphanPort)) {
            assertFalse(running(orphan),
                    "the orphaned PostgreSQL was stopped");
            assertEquals(orphanPort, db.port(), "the orphan's port is free again");
            assertEquals("written by child", query(db, "SELECT string_agg(body, ',') FROM notes"));
        }
    }

    @Test
    void anOrphanThatDoesNotStopOnSigtermIsKilledAndItsDataRecovered() throws Exception {
        ChildServer child = ChildServer.start(dataDir);
        children.add(child);
        child.awaitReady();
        long orphan = postmasterPid();
        List<ProcessHandle> backends = ProcessHandle.of(orphan).orElseThrow().descendants().toList();
        child.process.destroyForcibly();
        assertTrue(child.process.waitFor(30, TimeUnit.SECONDS));

        // SIGTERM asks for a "smart" shutdown, which waits for this session to end: it never will.
        Connection session = DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + child.port + "/postgres", "postgres", null);
        try {
            Postmaster.stop(ProcessHandle.of(orphan).orElseThrow(), Duration.ofSeconds(1));
        } finally {
            try {
                session.close();
            } catch (SQLException ignored) {
                // the server is gone
            }
        }
        assertFalse(running(orphan));
        backends.forEach(backend -> assertFalse(Postmaster.isRunning(backend), "backend " + backend.pid()));
        assertTrue(Files.exists(dataDir.resolve(EmbeddedDatabase.PG_DIR).resolve(Postmaster.PID_FILE)),
                "SIGKILL leaves postmaster.pid behind; that is what the next start must cope with");

        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, 0)) {
            assertEquals("written by child", query(db, "SELECT string_agg(body, ',') FROM notes"));
        }
    }

    @Test
    void aDirectoryHeldByALiveProcessIsRefusedButCanBeAttachedTo() throws Exception {
        ChildServer child = ChildServer.start(dataDir);
        children.add(child);
        child.awaitReady();
        long childPostmaster = postmasterPid();
        assertEquals(Long.toString(child.process.pid()),
                Files.readString(dataDir.resolve(EmbeddedDatabase.LOCK_FILE)).trim());

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> EmbeddedDatabase.start(dataDir, 0));
        assertTrue(refused.getMessage().contains("in use"), refused.getMessage());
        assertTrue(refused.getMessage().contains("PID " + child.process.pid()), refused.getMessage());

        try (EmbeddedDatabase attached = EmbeddedDatabase.attachOrStart(dataDir, 0)) {
            assertEquals(child.port, attached.port());
            assertEquals("written by child", query(attached, "SELECT string_agg(body, ',') FROM notes"));
        }
        assertTrue(running(childPostmaster),
                "closing an attached instance leaves the owner's PostgreSQL running");
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + child.port + "/postgres",
                "postgres", null)) {
            assertTrue(c.isValid(5));
        }

        child.close();
        assertFalse(running(childPostmaster));
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, 0)) {
            assertEquals("written by child", query(db, "SELECT string_agg(body, ',') FROM notes"));
        }
    }

    @Test
    void theSameProcessCannotStartTwiceButCanAttach() throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, 0)) {
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> EmbeddedDatabase.start(dataDir, 0));
            assertTrue(refused.getMessage().contains("in use"), refused.getMessage());
            assertTrue(refused.getMessage().contains("PID " + ProcessHandle.current().pid()), refused.getMessage());

            try (EmbeddedDatabase attached = EmbeddedDatabase.attachOrStart(dataDir, 0)) {
                assertEquals(db.port(), attached.port());
                assertEquals("1", query(attached, "SELECT 1"));
            }
            assertEquals("1", query(db, "SELECT 1"), "the owner's server is still up, lock still held");
            assertThrows(IllegalStateException.class, () -> EmbeddedDatabase.start(dataDir, 0));
        }
    }

    @Test
    void stalePidFilesDoNotBlockAStart() throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, 0)) {
            execute(db, "CREATE TABLE notes (body text NOT NULL)");
        }
        Path pidFile = dataDir.resolve(EmbeddedDatabase.PG_DIR).resolve(Postmaster.PID_FILE);

        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        Files.writeString(pidFile, finished.pid() + "\n" + dataDir + "\n1700000000\n5432\n");
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, 0)) {
            assertEquals("0", query(db, "SELECT count(*) FROM notes"));
        }

        // After a reboot the PID may belong to some other program; PostgreSQL alone would refuse.
        Process unrelated = new ProcessBuilder("sleep", "60").start();
        try {
            Files.writeString(pidFile, unrelated.pid() + "\n" + dataDir + "\n1700000000\n5432\n");
            try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, 0)) {
                assertEquals("0", query(db, "SELECT count(*) FROM notes"));
            }
            assertTrue(unrelated.isAlive(), "an unrelated process is never signalled");
        } finally {
            unrelated.destroyForcibly();
        }
    }

    @Test
    void refusesToInitialiseOverAForeignDirectory() throws Exception {
        Path pgDir = Files.createDirectories(dataDir.resolve(EmbeddedDatabase.PG_DIR));
        Files.writeString(pgDir.resolve("precious.txt"), "not a database");
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> EmbeddedDatabase.start(dataDir, 0));
        assertTrue(refused.getMessage().contains("not a PostgreSQL data directory"), refused.getMessage());
        assertEquals("not a database", Files.readString(pgDir.resolve("precious.txt")));
        // The failed start released the lock: a retry fails for the same reason, not as "in use".
        IllegalStateException again = assertThrows(IllegalStateException.class,
                () -> EmbeddedDatabase.start(dataDir, 0));
        assertTrue(again.getMessage().contains("not a PostgreSQL data directory"), again.getMessage());
        Files.delete(pgDir.resolve("precious.txt"));
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, 0)) {
            assertEquals("1", query(db, "SELECT 1"));
        }
    }

    /** Exited counts as gone even while a slow init has not reaped the zombie yet. */
    private static boolean running(long pid) {
        return ProcessHandle.of(pid).map(Postmaster::isRunning).orElse(false);
    }

    private long postmasterPid() {
        return Postmaster.read(dataDir.resolve(EmbeddedDatabase.PG_DIR)).orElseThrow().pid();
    }

    private static void execute(EmbeddedDatabase db, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String query(EmbeddedDatabase db, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next());
            return rs.getString(1);
        }
    }
}
