package org.civicast.platform.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code postmaster.pid} in a PostgreSQL data directory says, and whether the process it
 * names is really that cluster's server.
 *
 * <p>The file outlives its server after a crash or reboot, and its PID may since have been given
 * to an unrelated process, so a PID alone is never reason enough to signal anything.
 */
record Postmaster(long pid, long startedEpochSecond, int port, String status) {

    private static final Logger log = LoggerFactory.getLogger(Postmaster.class);
    static final String PID_FILE = "postmaster.pid";
    /** The file's timestamp and the kernel's process start time differ by the exec chain's delay. */
    private static final long START_TOLERANCE_SECONDS = 10;
    static final Duration TERM_WAIT = Duration.ofSeconds(20);

    enum Identity {
        /** No such process: the file is stale and PostgreSQL will take it over itself. */
        GONE,
        /** The live server of this data directory. */
        OURS,
        /** A live process that is certainly not a PostgreSQL server (a recycled PID). */
        FOREIGN,
        /** Live, but we cannot tell what it is; leave the verdict to PostgreSQL. */
        UNKNOWN
    }

    /** Reads the file; absent when there is none or it has no PID yet. */
    static Optional<Postmaster> read(Path pgDir) {
        List<String> lines;
        try {
            lines = Files.readAllLines(pgDir.resolve(PID_FILE), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            log.warn("Cannot read {}: {}", pgDir.resolve(PID_FILE), e.toString());
            return Optional.empty();
        }
        // Line layout (PostgreSQL's pidfile.h): 1 pid, 2 data dir, 3 start time, 4 port, ... 8 status.
        // PostgreSQL fills it in as it starts, so later lines may not be there yet.
        long pid = number(lines, 0);
        if (pid <= 0) {
            return Optional.empty();
        }
        String status = lines.size() > 7 ? lines.get(7).trim() : "";
        return Optional.of(new Postmaster(pid, number(lines, 2), (int) number(lines, 3), status));
    }

    private static long number(List<String> lines, int index) {
        if (lines.size() <= index) {
            return 0;
        }
        try {
            return Long.parseLong(lines.get(index).trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    Optional<ProcessHandle> process() {
        return ProcessHandle.of(pid).filter(Postmaster::isRunning);
    }

    Identity identify(Path pgDir) {
        Optional<ProcessHandle> handle = process();
        if (handle.isEmpty()) {
            return Identity.GONE;
        }
        if (pid == ProcessHandle.current().pid()) {
            return Identity.FOREIGN;
        }
        ProcessHandle.Info info = handle.get().info();
        boolean named = info.command()
                .map(command -> Path.of(command).getFileName().toString().equals("postgres"))
                .orElse(false);
        boolean sameDir = info.arguments().map(args -> servesDirectory(args, pgDir)).orElse(false);
        boolean sameStart = startedEpochSecond > 0 && info.startInstant()
                .map(start -> Math.abs(start.getEpochSecond() - startedEpochSecond) <= START_TOLERANCE_SECONDS)
                .orElse(false);
        if (named && (sameDir || sameStart)) {
            return Identity.OURS;
        }
        if (info.command().isPresent() && !named) {
            return Identity.FOREIGN;
        }
        return Identity.UNKNOWN;
    }

    /** Whether the file names the running, ready server of pgDir, so a client may connect. */
    boolean readyFor(Path pgDir) {
        return "ready".equals(status) && port > 0 && identify(pgDir) == Identity.OURS;
    }

    private static boolean servesDirectory(String[] args, Path pgDir) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("-D")) {
                try {
                    // Same inode, so a symlinked or differently spelled path still matches.
                    return Files.isSameFile(Path.of(args[i + 1]), pgDir);
                } catch (IOException | RuntimeException e) {
                    return false;
                }
            }
        }
        return false;
    }

    /**
     * Deals with a {@code postmaster.pid} found before starting. Only call while holding the data
     * directory lock: then a live server of this directory can only be an orphan whose Civicast
     * process died (it survives {@code kill -9} of the JVM and keeps the port and the file).
     */
    static void clearLeftovers(Path pgDir) {
        Optional<Postmaster> found = read(pgDir);
        if (found.isEmpty()) {
            return;
        }
        Postmaster postmaster = found.get();
        switch (postmaster.identify(pgDir)) {
            case GONE -> {
                log.info("PostgreSQL in {} was not shut down cleanly (pid {} is gone); it will recover on start",
                        pgDir, postmaster.pid);
                forgetUnreaped(pgDir, postmaster);
            }
            case OURS -> {
                log.warn("PostgreSQL (pid {}, port {}) is still running in {} although no Civicast process "
                        + "holds the data directory; its server must have died. Stopping it before starting anew",
                        postmaster.pid, postmaster.port, pgDir);
                stop(postmaster.process().orElseThrow(), TERM_WAIT);
                forgetUnreaped(pgDir, postmaster); // a SIGKILLed server leaves its file behind
            }
            case FOREIGN -> {
                // PostgreSQL would refuse to start while the PID in the file is alive, whatever it is.
                log.warn("{} names pid {}, which is now a different program; removing the stale file",
                        pgDir.resolve(PID_FILE), postmaster.pid);
                deletePidFile(pgDir);
            }
            case UNKNOWN -> log.warn("{} names live pid {}, which cannot be identified; leaving it for "
                    + "PostgreSQL to judge", pgDir.resolve(PID_FILE), postmaster.pid);
        }
    }

    /**
     * PostgreSQL refuses to start while the PID in its file exists, and a server that has exited
     * but not yet been reaped by its parent (a zombie) still does. Give the parent a moment, then
     * take the file away: the server is dead, and PostgreSQL still refuses to start while any of
     * its old backends holds the shared memory, so this loses no protection that matters.
     */
    private static void forgetUnreaped(Path pgDir, Postmaster postmaster) {
        Optional<ProcessHandle> zombie = ProcessHandle.of(postmaster.pid);
        if (zombie.isEmpty() || !namesPid(pgDir, postmaster.pid)) {
            return; // reaped already, or a clean shutdown removed the file
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (zombie.get().isAlive() && System.nanoTime() - deadline < 0) {
            Sleep.millis(100);
        }
        if (zombie.get().isAlive() && namesPid(pgDir, postmaster.pid)) {
            log.warn("PostgreSQL pid {} has exited but was not reaped by its parent; removing {}",
                    postmaster.pid, pgDir.resolve(PID_FILE));
            deletePidFile(pgDir);
        }
    }

    private static boolean namesPid(Path pgDir, long pid) {
        return read(pgDir).filter(current -> current.pid == pid).isPresent();
    }

    private static void deletePidFile(Path pgDir) {
        try {
            Files.deleteIfExists(pgDir.resolve(PID_FILE));
        } catch (IOException e) {
            throw new IllegalStateException("cannot remove stale " + pgDir.resolve(PID_FILE), e);
        }
    }

    /**
     * Stops a server: SIGTERM (which waits for clients to leave), then SIGKILL if it has not gone
     * after termWait. Waits for its children
     * too, because a new server cannot start while old backends still hold the shared memory.
     * Returns only once all of them have exited; throws if one cannot be stopped.
     */
    static void stop(ProcessHandle server, Duration termWait) {
        List<ProcessHandle> children = server.descendants().toList();
        server.destroy();
        if (!awaitExit(server, termWait)) {
            log.warn("PostgreSQL pid {} did not stop within {} s of SIGTERM; sending SIGKILL",
                    server.pid(), termWait.toSeconds());
            server.destroyForcibly();
            if (!awaitExit(server, Duration.ofSeconds(10))) {
                throw new IllegalStateException("PostgreSQL pid " + server.pid() + " survived SIGKILL");
            }
        }
        for (ProcessHandle child : children) {
            if (!awaitExit(child, Duration.ofSeconds(10))) {
                log.warn("PostgreSQL child pid {} outlived its server; sending SIGKILL", child.pid());
                child.destroyForcibly();
                if (!awaitExit(child, Duration.ofSeconds(5))) {
                    throw new IllegalStateException("PostgreSQL child pid " + child.pid() + " survived SIGKILL");
                }
            }
        }
        log.info("Stopped PostgreSQL pid {}", server.pid());
    }

    static boolean awaitExit(ProcessHandle process, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (isRunning(process)) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Sleep.millis(50);
        }
        return true;
    }

    /**
     * Whether the process still runs. Unlike {@link ProcessHandle#isAlive()} a zombie counts as
     * exited: a server's parent (init, or a JVM running as PID 1 in a container) may reap it
     * late or never, and waiting for that would stall every stop.
     */
    static boolean isRunning(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            // "pid (comm) state ...": comm may contain spaces and parentheses, the state follows the last ')'.
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException | RuntimeException e) {
            return process.isAlive(); // no procfs (not Linux), or it exited meanwhile
        }
    }
}
