package org.civicast.platform.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.civicast.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDatabaseTest {
    /** One copy of the PostgreSQL programs for the whole suite, instead of one per data directory. */
    static final Path PROGRAMS = TestDatabases.postgresPrograms();

    @TempDir
    Path dataDir;

    private final List<ChildServer> children = new ArrayList<>();
    private final List<ProcessHandle> backends = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        // A failed test must not leave servers behind to trip up the next one.
        children.forEach(child -> child.process.destroyForcibly());
        backends.forEach(ProcessHandle::destroyForcibly);
        Path pgDir = dataDir.resolve(EmbeddedDatabase.PG_DIR);
        Postmaster.read(pgDir).filter(pm -> pm.identify(pgDir) == Postmaster.Identity.OURS)
                .flatMap(Postmaster::process).ifPresent(pm -> Postmaster.stop(pm, Duration.ofSeconds(1)));
    }

    @Test
    void keepsDataAcrossRestartsDurablyAndOnLoopbackOnly() throws Exception {
        long firstPostmaster;
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, PROGRAMS, 0)) {
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
        try (EmbeddedDatabase db = EmbeddedDatabase.attachOrStart(dataDir, PROGRAMS, 0)) {
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
    void theProgramsRunFromTheConfiguredDirectoryAndNothingIsLeftInTheTemporaryOne(@TempDir Path elsewhere)
            throws Exception {
        Path tmp = Files.createDirectories(elsewhere.resolve("tmp"));
        Path programs = elsewhere.resolve("programs");
        ChildServer child = ChildServer.start(dataDir, programs, List.of("-Djava.io.tmpdir=" + tmp));
        children.add(child);
        child.awaitReady();
        Path postgres = ProcessHandle.of(postmasterPid()).orElseThrow().info().command().map(Path::of).orElseThrow();
        assertTrue(postgres.startsWith(programs.toRealPath()), postgres + " is not under " + programs);
        Path unpacked = postgres.getParent().getParent();
        assertEquals(PostgresPrograms.archiveIdentity().orElseThrow(),
                Files.readString(PostgresPrograms.markOf(unpacked)),
                "marked for the next start, which then need not read the archive");
        try (Stream<Path> entries = Files.list(tmp)) {
            List<String> names = entries.map(p -> p.getFileName().toString()).toList();
            assertTrue(names.stream().noneMatch(n -> n.equals("embedded-pg") || n.startsWith("PG-")), names.toString());
        }
        child.close();
        try (Stream<Path> entries = Files.list(tmp)) {
            assertEquals(List.of(), entries.toList(), "left in java.io.tmpdir");
        }
        assertFalse(Files.exists(dataDir.resolve(PostgresPrograms.DEFAULT_DIR)), "the default place was not used");
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

        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, PROGRAMS, orphanPort)) {
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
        child.process.destroyForcibly();
        assertTrue(child.process.waitFor(30, TimeUnit.SECONDS));

        // SIGTERM asks for a "smart" shutdown, which waits for this session to end: it never will.
        String url = "jdbc:postgresql://localhost:" + child.port + "/postgres";
        Connection session = DriverManager.getConnection(url, "postgres", storedPassword());
        // A backend busy computing does not notice its postmaster's death: only stop() can end it.
        Connection busy = DriverManager.getConnection(url, "postgres", storedPassword());
        Thread busyQuery = Thread.ofPlatform().daemon().start(() -> {
            try (Statement s = busy.createStatement()) {
                s.executeQuery("SELECT count(x) FROM (SELECT generate_series(1, 10000000000) x) s");
            } catch (SQLException expected) {
                // ended by the stop
            }
        });
        awaitActiveQuery(session);
        ProcessHandle.of(orphan).orElseThrow().descendants().forEach(backends::add);
        try {
            Postmaster.stop(ProcessHandle.of(orphan).orElseThrow(), Duration.ofSeconds(1));
        } finally {
            for (Connection c : List.of(session, busy)) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // the server is gone
                }
            }
        }
        busyQuery.join(10_000);
        assertFalse(running(orphan));
        // The helpers (checkpointer, WAL writer, ...) and the two sessions' backends at least.
        assertTrue(backends.size() >= 3, "the orphan's child processes: " + backends);
        backends.forEach(backend -> assertFalse(Postmaster.isRunning(backend), "backend " + backend.pid()));
        assertTrue(Files.exists(dataDir.resolve(EmbeddedDatabase.PG_DIR).resolve(Postmaster.PID_FILE)),
                "SIGKILL leaves postmaster.pid behind; that is what the next start must cope with");

        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, PROGRAMS, 0)) {
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
                () -> EmbeddedDatabase.start(dataDir, PROGRAMS, 0));
        assertTrue(refused.getMessage().contains("in use"), refused.getMessage());
        assertTrue(refused.getMessage().contains("PID " + child.process.pid()), refused.getMessage());

        try (EmbeddedDatabase attached = EmbeddedDatabase.attachOrStart(dataDir, PROGRAMS, 0)) {
            assertEquals(child.port, attached.port());
            assertEquals(storedPassword(), attached.password(), "the attached instance reads the owner's password");
            assertEquals("written by child", query(attached, "SELECT string_agg(body, ',') FROM notes"));
        }
        assertTrue(running(childPostmaster),
                "closing an attached instance leaves the owner's PostgreSQL running");
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + child.port + "/postgres",
                "postgres", storedPassword())) {
            assertTrue(c.isValid(5));
        }
        assertRefusedWithoutPassword(child.port);

        child.close();
        assertFalse(running(childPostmaster));
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, PROGRAMS, 0)) {
            assertEquals("written by child", query(db, "SELECT string_agg(body, ',') FROM notes"));
        }
    }

    @Test
    void theSameProcessCannotStartTwiceButCanAttach() throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, PROGRAMS, 0)) {
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> EmbeddedDatabase.start(dataDir, PROGRAMS, 0));
            assertTrue(refused.getMessage().contains("in use"), refused.getMessage());
            assertTrue(refused.getMessage().contains("PID " + ProcessHandle.current().pid()), refused.getMessage());

            try (EmbeddedDatabase attached = EmbeddedDatabase.attachOrStart(dataDir, PROGRAMS, 0)) {
                assertEquals(db.port(), attached.port());
                assertEquals(db.password(), attached.password());
                assertEquals("1", query(attached, "SELECT 1"));
            }
            assertEquals("1", query(db, "SELECT 1"), "the owner's server is still up, lock still held");
            assertThrows(IllegalStateException.class, () -> EmbeddedDatabase.start(dataDir, PROGRAMS, 0));
        }
    }

    @Test
    void stalePidFilesDoNotBlockAStart() throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, PROGRAMS, 0)) {
            execute(db, "CREATE TABLE notes (body text NOT NULL)");
        }
        Path pidFile = dataDir.resolve(EmbeddedDatabase.PG_DIR).resolve(Postmaster.PID_FILE);

        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        Files.writeString(pidFile, finished.pid() + "\n" + dataDir + "\n1700000000\n5432\n");
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, PROGRAMS, 0)) {
            assertEquals("0", query(db, "SELECT count(*) FROM notes"));
        }

        // After a reboot the PID may belong to some other program; PostgreSQL alone would refuse.
        Process unrelated = new ProcessBuilder("sleep", "60").start();
        try {
            Files.writeString(pidFile, unrelated.pid() + "\n" + dataDir + "\n1700000000\n5432\n");
            try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, PROGRAMS, 0)) {
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
                () -> EmbeddedDatabase.start(dataDir, PROGRAMS, 0));
        assertTrue(refused.getMessage().contains("not a PostgreSQL data directory"), refused.getMessage());
        assertEquals("not a database", Files.readString(pgDir.resolve("precious.txt")));
        // The failed start released the lock: a retry fails for the same reason, not as "in use".
        IllegalStateException again = assertThrows(IllegalStateException.class,
                () -> EmbeddedDatabase.start(dataDir, PROGRAMS, 0));
        assertTrue(again.getMessage().contains("not a PostgreSQL data directory"), again.getMessage());
        Files.delete(pgDir.resolve("precious.txt"));
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, PROGRAMS, 0)) {
            assertEquals("1", query(db, "SELECT 1"));
        }
    }

    @Test
    void requiresAPasswordThatIsKeptPrivatelyAcrossRestarts() throws Exception {
        String password;
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, PROGRAMS, 0)) {
            password = db.password();
            assertNotNull(password);
            assertTrue(password.length() >= 40, "256 random bits: " + password.length() + " characters");
            assertEquals(password, storedPassword());
            assertRefusedWithoutPassword(db.port());
            assertRefused(db.port(), password + "x");
            assertRefused(db.port(), "");
            assertEquals("1", query(db, "SELECT 1"));
            assertEquals("true", query(db, "SELECT (rolpassword LIKE 'SCRAM-SHA-256$%')::text FROM pg_authid "
                    + "WHERE rolname = 'postgres'"));
            assertEquals(ClusterAuthentication.SCRAM_ITERATIONS, ClusterAuthentication.scramIterations(
                    query(db, "SELECT rolpassword FROM pg_authid WHERE rolname = 'postgres'")),
                    "stored with few iterations, for quick logins");
            assertEquals("0", query(db, "SELECT count(*) FROM pg_hba_file_rules "
                    + "WHERE auth_method <> 'scram-sha-256' OR error IS NOT NULL"));
            assertTrue(Integer.parseInt(query(db, "SELECT count(*) FROM pg_hba_file_rules")) >= 4);
        }
        assertNoTrustInHba();
        assertPrivate(dataDir.resolve(EmbeddedDatabase.PASSWORD_FILE));
        assertFalse(Files.exists(dataDir.resolve(EmbeddedDatabase.PASSWORD_FILE + ".tmp")));

        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, PROGRAMS, 0)) {
            assertEquals(password, db.password(), "the same password after a restart");
            assertEquals("1", query(db, "SELECT 1"));
            assertRefusedWithoutPassword(db.port());
        }
        assertEquals(password, storedPassword());
    }

    @Test
    void aClusterThatTrustsEveryoneIsSecuredOnItsNextStart() throws Exception {
        // The old behaviour: zonky's plain initdb (trust for every local connection), no password file.
        Path pgDir = dataDir.resolve(EmbeddedDatabase.PG_DIR);
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(pgDir)
                .setCleanDataDirectory(false).setRegisterShutdownHook(false)
                .setServerConfig("unix_socket_directories", "").start();
             Connection c = DriverManager.getConnection(old.getJdbcUrl("postgres", "postgres"));
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE notes (body text NOT NULL)");
            s.execute("INSERT INTO notes (body) VALUES ('from before passwords')");
        }
        assertTrue(Files.readString(pgDir.resolve("pg_hba.conf")).contains("trust"), "the situation under test");
        assertFalse(Files.exists(dataDir.resolve(EmbeddedDatabase.PASSWORD_FILE)));

        String password;
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, PROGRAMS, 0)) {
            password = db.password();
            assertEquals(password, storedPassword());
            assertRefusedWithoutPassword(db.port());
            assertRefused(db.port(), "wrong");
            assertEquals("from before passwords", query(db, "SELECT string_agg(body, ',') FROM notes"));
            assertEquals("true", query(db, "SELECT (rolpassword LIKE 'SCRAM-SHA-256$%')::text FROM pg_authid "
                    + "WHERE rolname = 'postgres'"));
        }
        assertNoTrustInHba();
        assertPrivate(dataDir.resolve(EmbeddedDatabase.PASSWORD_FILE));
        assertFalse(Files.exists(pgDir.resolve("pg_hba.conf.tmp")));

        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, PROGRAMS, 0)) {
            assertEquals(password, db.password());
            assertEquals("from before passwords", query(db, "SELECT string_agg(body, ',') FROM notes"));
            assertRefusedWithoutPassword(db.port());
        }
    }

    @Test
    void aPasswordStoredWithPostgresqlsDefaultIterationsIsStoredAgainWithFewer() throws Exception {
        String password;
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, PROGRAMS, 0)) {
            password = db.password();
            // As clusters made by earlier versions have it (and PostgreSQL's default).
            execute(db, "SET scram_iterations = 4096; ALTER ROLE postgres PASSWORD '" + password + "'");
            assertEquals(4096, storedIterations(db));
        }
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, PROGRAMS, 0)) {
            assertEquals(ClusterAuthentication.SCRAM_ITERATIONS, storedIterations(db));
            // The verifier computed here is PostgreSQL's to check: the right password gets in, no other.
            assertEquals("1", query(db, "SELECT 1"), "the same password still logs in");
            assertRefused(db.port(), password + "x");
            assertRefusedWithoutPassword(db.port());
        }
    }

    private static int storedIterations(EmbeddedDatabase db) throws SQLException {
        return ClusterAuthentication.scramIterations(
                query(db, "SELECT rolpassword FROM pg_authid WHERE rolname = 'postgres'"));
    }

    @Test
    void aCrashBetweenWritingThePasswordAndRequiringItIsFinishedOnTheNextStart() throws Exception {
        String password;
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, PROGRAMS, 0)) {
            password = db.password();
        }
        // As if the password file had been written but pg_hba.conf not yet rewritten (and loosely readable).
        Path hba = dataDir.resolve(EmbeddedDatabase.PG_DIR).resolve("pg_hba.conf");
        Files.writeString(hba, Files.readString(hba).replace("scram-sha-256", "trust"));
        Path passwordFile = dataDir.resolve(EmbeddedDatabase.PASSWORD_FILE);
        Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-r--r--"));

        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, PROGRAMS, 0)) {
            assertEquals(password, db.password(), "an existing password file is used, not replaced");
            assertRefusedWithoutPassword(db.port());
            assertEquals("1", query(db, "SELECT 1"));
        }
        assertNoTrustInHba();
        assertPrivate(passwordFile);
    }

    @Test
    void aPasswordFileOfAnotherClusterFailsWithinSecondsAndNamesTheFile() throws Exception {
        String password;
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, PROGRAMS, 0)) {
            password = db.password();
        }
        Path passwordFile = dataDir.resolve(EmbeddedDatabase.PASSWORD_FILE);
        Files.writeString(passwordFile, PasswordAuth.generate() + "\n");

        long started = System.nanoTime();
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> EmbeddedDatabase.start(dataDir, PROGRAMS, 0));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertTrue(took.compareTo(Duration.ofSeconds(20)) < 0, "refused after " + took.toMillis() + " ms, not at once");
        assertTrue(refused.getMessage().contains("rejected the password in " + passwordFile), refused.getMessage());
        assertTrue(Postmaster.read(dataDir.resolve(EmbeddedDatabase.PG_DIR)).flatMap(Postmaster::process).isEmpty(),
                "the server started for the attempt was stopped");

        // Nothing of the failed start is left in the way: with the right file back, it starts.
        Files.writeString(passwordFile, password + "\n");
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, PROGRAMS, 0)) {
            assertEquals("1", query(db, "SELECT 1"));
        }
    }

    @Test
    void aMissingPasswordFileIsReportedAndATrustResetGivesANewPassword() throws Exception {
        String password;
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, PROGRAMS, 0)) {
            password = db.password();
        }
        Path passwordFile = dataDir.resolve(EmbeddedDatabase.PASSWORD_FILE);
        Files.delete(passwordFile);
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> EmbeddedDatabase.start(dataDir, PROGRAMS, 0));
        assertTrue(refused.getMessage().contains(passwordFile + " is missing"), refused.getMessage());
        assertFalse(Files.exists(passwordFile), "no useless new password is made up");

        // The documented way out: set pg_hba.conf to trust, and the next start sets a new password.
        Path hba = dataDir.resolve(EmbeddedDatabase.PG_DIR).resolve("pg_hba.conf");
        Files.writeString(hba, Files.readString(hba).replace("scram-sha-256", "trust"));
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, PROGRAMS, 0)) {
            assertNotEquals(password, db.password());
            assertEquals(db.password(), storedPassword());
            assertRefused(db.port(), password);
            assertRefusedWithoutPassword(db.port());
            assertEquals("1", query(db, "SELECT 1"));
        }
        assertNoTrustInHba();
    }

    @Test
    void onlyTrustMethodsOfHbaRecordsAreRewritten() {
        String hba = """
                # TYPE  DATABASE        USER            ADDRESS                 METHOD
                # "local" is for Unix domain socket connections only: trust
                local   all             all                                     trust
                host    all             all             127.0.0.1/32            trust
                host    all             all             ::1/128                 trust   # comment
                hostssl trust           trust           127.0.0.1  255.255.255.255  trust
                hostnossl "trust db",other  all         ::1  ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff trust
                host    db1, trust      all             samehost                trust
                local   all             all                                     peer
                host    all             all             10.0.0.0/8              reject
                include_if_exists       trust
                host    all             all             127.0.0.1/32            trust
                """;
        String expected = """
                # TYPE  DATABASE        USER            ADDRESS                 METHOD
                # "local" is for Unix domain socket connections only: trust
                local   all             all                                     scram-sha-256
                host    all             all             127.0.0.1/32            scram-sha-256
                host    all             all             ::1/128                 scram-sha-256   # comment
                hostssl trust           trust           127.0.0.1  255.255.255.255  scram-sha-256
                hostnossl "trust db",other  all         ::1  ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff scram-sha-256
                host    db1, trust      all             samehost                scram-sha-256
                local   all             all                                     peer
                host    all             all             10.0.0.0/8              reject
                include_if_exists       trust
                host    all             all             127.0.0.1/32            scram-sha-256
                """;
        assertEquals(expected, PasswordAuth.requirePassword(hba));
        assertEquals(expected, PasswordAuth.requirePassword(expected));
    }

    private String storedPassword() throws Exception {
        return Files.readString(dataDir.resolve(EmbeddedDatabase.PASSWORD_FILE)).strip();
    }

    private void assertNoTrustInHba() throws Exception {
        for (String line : Files.readAllLines(dataDir.resolve(EmbeddedDatabase.PG_DIR).resolve("pg_hba.conf"))) {
            String rule = line.replaceFirst("#.*", "").strip();
            assertFalse(rule.contains("trust"), line);
            if (rule.startsWith("local") || rule.startsWith("host")) {
                assertTrue(rule.endsWith("scram-sha-256"), line);
            }
        }
    }

    private static void assertPrivate(Path file) throws Exception {
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)),
                file + " is readable by its owner only");
    }

    private static void assertRefusedWithoutPassword(int port) {
        assertRefused(port, null);
    }

    private static void assertRefused(int port, String password) {
        SQLException refused = assertThrows(SQLException.class, () -> DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + port + "/postgres", "postgres", password).close());
        assertTrue(refused.getSQLState().startsWith("28") || refused.getSQLState().equals("08004"),
                refused.getSQLState() + " " + refused.getMessage());
    }

    /** Exited counts as gone even while a slow init has not reaped the zombie yet. */
    private static boolean running(long pid) {
        return ProcessHandle.of(pid).map(Postmaster::isRunning).orElse(false);
    }

    private static void awaitActiveQuery(Connection session) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String busy = "SELECT count(*) FROM pg_stat_activity "
                + "WHERE state = 'active' AND query LIKE '%generate_series%' AND pid <> pg_backend_pid()";
        while (!query(session, busy).equals("1")) {
            assertTrue(System.nanoTime() < deadline, "the busy query did not start");
            Thread.sleep(20);
        }
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
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
            return query(c, sql);
        }
    }

    private static String query(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next());
            return rs.getString(1);
        }
    }
}
