package org.civicast.projects;

import java.time.Instant;
import java.util.List;

/**
 * What the projects feature needs of the sending engine, which implements it and is plugged in
 * with {@link ProjectService#sendWith}. The engine in turn drives projects through
 * {@link ProjectLifecycle}.
 *
 * <p>{@link #scheduled} and {@link #unscheduled} are called inside the transaction that records the
 * change, after the project's row is written: work the engine does with the same
 * {@code Database} (enqueueing a job) joins that transaction and commits or rolls back with it.
 */
public interface ProjectSending {
    /** The project is scheduled to start at {@code at} (now or past: as soon as possible); also on reschedule and resume by schedule. */
    void scheduled(String projectId, Instant at);

    /** The project was unscheduled: it must not start, or go on. */
    void unscheduled(String projectId);

    /** Sends the project's message to these test contacts now. */
    TestSends test(String projectId, List<TestContact> contacts);

    /** The project's results so far. */
    ProjectStats stats(String projectId);

    /** Segments the brand has sent to T-Mobile in the current Pacific day (for the daily cap). */
    int usedToday(String brandId);

    /**
     * How many recipients the project's send was compiled for, once it started: from then on its
     * audience is fixed, whatever later happens to its lists. Empty before.
     */
    java.util.OptionalInt recipients(String projectId);

    /**
     * No engine: the projects feature records schedules and nothing sends, so nothing is used.
     * Test sends and stats do not exist without an engine; their routes are not served.
     */
    ProjectSending RECORD_ONLY = new ProjectSending() {
        @Override
        public void scheduled(String projectId, Instant at) {}

        @Override
        public void unscheduled(String projectId) {}

        @Override
        public TestSends test(String projectId, List<TestContact> contacts) {
            throw new UnsupportedOperationException("no sending engine");
        }

        @Override
        public ProjectStats stats(String projectId) {
            throw new UnsupportedOperationException("no sending engine");
        }

        @Override
        public int usedToday(String brandId) {
            return 0;
        }

        @Override
        public java.util.OptionalInt recipients(String projectId) {
            return java.util.OptionalInt.empty();
        }
    };
}
