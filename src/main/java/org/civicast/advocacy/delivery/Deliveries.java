package org.civicast.advocacy.delivery;

import java.util.List;
import java.util.Optional;
import org.civicast.platform.jobs.RecordingJobHandler;

/**
 * Where deliveries are kept: the port the advocacy feature implements for {@link DeliveryJob}.
 * Each delivery is one letter to one office.
 */
public interface Deliveries {
    /**
     * The letter of a delivery still to be made. Empty when the delivery is gone or already
     * finished (delivered, refused, recorded as having no route), which makes a repeated job a no-op.
     */
    Optional<Letter> pending(String deliveryId);

    /**
     * The letters of a submission's deliveries still to be made (queued, or failed for now), in
     * delivery id order; empty when none is left, so a repeated job sends nothing again.
     */
    List<Letter> pendingOf(String submissionId);

    /** The write recording a delivery made; the job commits it as it marks itself done. */
    RecordingJobHandler.Outcome delivered(String deliveryId, String channel, String receipt);

    /** The write recording a delivery refused for good (status failed); committed as the job is done. */
    RecordingJobHandler.Outcome refused(String deliveryId, String channel, String reason);

    /**
     * The write recording that no channel reaches the office (status {@value DeliveryResult#NO_ROUTE});
     * committed as the job is done.
     */
    RecordingJobHandler.Outcome undeliverable(String deliveryId, String reason);

    /**
     * Records a failed attempt now, before the job throws. {@code permanent}: the delivery is
     * finished, given up on; otherwise it will be tried again and the reason says why it is waiting.
     */
    void markFailed(String deliveryId, String channel, String reason, boolean permanent);

    /** Several outcomes' writes as one; it may be a single statement. */
    default RecordingJobHandler.Outcome together(List<RecordingJobHandler.Outcome> outcomes) {
        List<RecordingJobHandler.Outcome> all = List.copyOf(outcomes);
        return h -> all.forEach(o -> o.record(h));
    }

    /** Commits an outcome now, in a transaction of its own, instead of with the job's end. */
    void recordNow(RecordingJobHandler.Outcome outcome);
}
