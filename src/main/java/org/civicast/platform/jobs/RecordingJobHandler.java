package org.civicast.platform.jobs;

import org.jdbi.v3.core.Handle;

/**
 * The work of a kind of job whose outcome is a database write. The handler does the work and
 * answers that write; it commits in the transaction that marks the job done, so the outcome and
 * the job's end are one commit, not two, and neither is ever stored without the other.
 *
 * <p>Failures are as for {@link JobHandler}: throwing schedules another attempt or fails the job,
 * and what the handler wants kept of a failed attempt it writes itself before throwing.
 */
@FunctionalInterface
public interface RecordingJobHandler {
    /** Runs the job; the answer (null when there is nothing to record) is written as the job is marked done. */
    Outcome run(Job job) throws Exception;

    /** A write recording a job's outcome, run in the transaction that marks the job done. */
    @FunctionalInterface
    interface Outcome {
        void record(Handle h);
    }
}
