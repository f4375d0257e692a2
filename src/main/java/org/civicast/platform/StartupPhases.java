package org.civicast.platform;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * How long each part of a server start takes, for the one line a start logs:
 * {@code Started in 1234 ms (1500 ms after the JVM started): database 600, pool 90, ...; beside
 * them: metrics 110, tls 300}. Phases "beside them" ran on threads of their own while the others
 * ran, so the figures add up to more than the total.
 */
public final class StartupPhases {
    private final long begun = System.nanoTime();
    private final List<String> serial = new ArrayList<>();
    private final List<String> parallel = new ArrayList<>();

    /** Runs work on the calling thread as the named phase. */
    public <T> T time(String phase, Supplier<T> work) {
        long start = System.nanoTime();
        try {
            return work.get();
        } finally {
            add(serial, phase + " " + millisSince(start));
        }
    }

    public void run(String phase, Runnable work) {
        time(phase, () -> {
            work.run();
            return null;
        });
    }

    /** Starts work on a thread of its own, beside what the caller does next; {@link #join} gets its result. */
    public <T> CompletableFuture<T> inParallel(String phase, Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("start-" + phase).start(() -> {
            long start = System.nanoTime();
            try {
                result.complete(work.get());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            } finally {
                add(parallel, phase + " " + millisSince(start));
            }
        });
        return result;
    }

    /** The result of a phase started by {@link #inParallel}; its failure is thrown here, as it was thrown there. */
    public static <T> T join(CompletableFuture<T> phase) {
        try {
            return phase.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) throw runtime;
            if (e.getCause() instanceof Error error) throw error;
            throw e;
        }
    }

    /**
     * Tells bin/civicast that this start got as far as serving: the start-up cache the JVM writes
     * when it stops (see that script) is then worth keeping. A no-op unless the script asked for it.
     */
    public static void markReady() {
        String file = System.getProperty("civicast.startupCacheReady");
        if (file == null) {
            return;
        }
        try {
            java.nio.file.Files.writeString(java.nio.file.Path.of(file), "ready\n");
        } catch (java.io.IOException | RuntimeException e) {
            // Without it the next start makes the cache again; nothing else depends on it.
        }
    }

    /** The phases so far, as the line a start logs. */
    public String summary() {
        long total = millisSince(begun);
        long sinceJvm = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        synchronized (this) {
            return "Started in " + total + " ms (" + sinceJvm + " ms after the JVM started): "
                    + String.join(", ", serial)
                    + (parallel.isEmpty() ? "" : "; beside them: " + String.join(", ", parallel));
        }
    }

    private synchronized void add(List<String> phases, String entry) {
        phases.add(entry);
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
