package org.civicast.platform.jobs;

/**
 * The work of one kind of job. A job may run more than once: after a failure, and also when a
 * worker dies after the work took effect but before the job was marked done. So a handler makes
 * repeating harmless, for instance by keying what it sends on {@link Job#id()}.
 *
 * <p>Returning marks the job done. Throwing schedules another attempt with backoff, or fails the
 * job once its attempts are used up; throwing {@link PermanentJobFailure} fails it at once.
 */
@FunctionalInterface
public interface JobHandler {
    void run(Job job) throws Exception;
}
