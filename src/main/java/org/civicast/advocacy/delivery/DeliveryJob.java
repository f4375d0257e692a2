package org.civicast.advocacy.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Objects;
import java.util.Optional;
import org.civicast.platform.jobs.Job;
import org.civicast.platform.jobs.PermanentJobFailure;
import org.civicast.platform.jobs.RecordingJobHandler;

/**
 * The {@value #KIND} job: delivers one letter through the channel its office calls for and
 * records the outcome. A temporary failure throws, so the job is tried again with backoff; on
 * the job's last attempt it is recorded as given up. Refusals and missing routes are recorded
 * and end the job.
 *
 * <p>Enqueue it in the transaction that creates the delivery:
 * {@code jobs.enqueue(DeliveryJob.KIND, DeliveryJob.payload(deliveryId))}, and register it with
 * {@code jobs.registerRecording}: a final outcome is written in the transaction that ends the job.
 */
public final class DeliveryJob implements RecordingJobHandler {
    public static final String KIND = "advocacy.deliver";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Deliveries deliveries;
    private final ChannelChooser chooser;

    public DeliveryJob(Deliveries deliveries, ChannelChooser chooser) {
        this.deliveries = Objects.requireNonNull(deliveries);
        this.chooser = Objects.requireNonNull(chooser);
    }

    public static String payload(String deliveryId) {
        return JSON.createObjectNode().put("delivery_id", Objects.requireNonNull(deliveryId)).toString();
    }

    @Override
    public Outcome run(Job job) throws Exception {
        String deliveryId = deliveryId(job.payload());
        Optional<Letter> pending = deliveries.pending(deliveryId);
        if (pending.isEmpty()) return null;
        DeliveryResult result = attempt(chooser, pending.get());
        // A final outcome commits with the job's end; a temporary failure is written before the throw.
        return switch (result) {
            case DeliveryResult.Delivered d -> deliveries.delivered(deliveryId, d.channel(), d.receipt());
            case DeliveryResult.Rejected r -> deliveries.refused(deliveryId, r.channel(), r.reason());
            case DeliveryResult.NoRoute n -> deliveries.undeliverable(deliveryId, n.reason());
            case DeliveryResult.FailedTemporarily f -> {
                String reason = job.lastAttempt()
                        ? "gave up after " + job.attempt() + " attempts; the last: " + f.reason() : f.reason();
                deliveries.markFailed(deliveryId, f.channel(), reason, job.lastAttempt());
                throw new DeliveryNotYetMade(f.channel() + ": " + f.reason());
            }
        };
    }

    /** One try of a letter through the channel its office takes; a channel that throws failed for now. */
    static DeliveryResult attempt(ChannelChooser chooser, Letter letter) {
        DeliveryChannel channel = chooser.choose(letter.office());
        try {
            return channel.deliver(letter);
        } catch (RuntimeException e) {
            return new DeliveryResult.FailedTemporarily(channel.name(), "the channel failed: " + e);
        }
    }

    private static String deliveryId(String payload) throws PermanentJobFailure {
        return textField(payload, "delivery_id", "a delivery job");
    }

    /** The payload's non-blank text {@code field}; a payload without one can never run. */
    static String textField(String payload, String field, String what) throws PermanentJobFailure {
        try {
            JsonNode id = JSON.readTree(payload).get(field);
            if (id != null && id.isTextual() && !id.asText().isBlank()) return id.asText();
        } catch (Exception e) {
            throw new PermanentJobFailure("not " + what + " payload: " + e.getMessage(), e);
        }
        throw new PermanentJobFailure("the payload names no " + field);
    }

    /** A temporary failure, thrown so the job is tried again later. */
    static final class DeliveryNotYetMade extends Exception {
        DeliveryNotYetMade(String message) {
            super(message);
        }
    }
}
