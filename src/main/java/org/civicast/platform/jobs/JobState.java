package org.civicast.platform.jobs;

import java.util.Locale;

/** Where a job is: waiting to run (first or again), held by a worker, or finished either way. */
public enum JobState {
    QUEUED, RUNNING, DONE, FAILED;

    String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    static JobState of(String column) {
        return valueOf(column.toUpperCase(Locale.ROOT));
    }
}
