package org.civicast.advocacy.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.civicast.platform.jobs.Job;
import org.civicast.platform.jobs.Jobs;
import org.civicast.platform.jobs.PermanentJobFailure;
import org.civicast.platform.jobs.RecordingJobHandler;

/**
 * The {@value #KIND} job: delivers a submission's letters, one per office, and records each
 * outcome once. One job per letter instead of one per office: a job row written, claimed and
 * finished costs as much database work as the delivery it carries.
 *
 * <p>Outcomes that touched nothing outside (no route) wait for the job's end and are written with
 * it in one statement; a letter that reached an office (delivered or refused) is recorded before the
 * next office is tried, so a crash repeats at most the one send in flight, as a job per office did.
 * A temporary failure does not hold the others back: it is recorded and handed to a
 * {@link DeliveryJob} of its own, with its own attempts and backoff, in the transaction that ends
 * this job. A repeated job sends only what is still open.
 */
public final class LetterDeliveryJob implements RecordingJobHandler {
    public static final String KIND = "advocacy.deliver_letter";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Deliveries deliveries;
    private final ChannelChooser chooser;
    private final Jobs jobs;
    private final Duration retryAfter;
    private final Clock clock;

    /** {@code retryAfter}: how long an office that failed for now waits before its own job tries again. */
    public LetterDeliveryJob(Deliveries deliveries, ChannelChooser chooser, Jobs jobs, Duration retryAfter, Clock clock) {
        this.deliveries = Objects.requireNonNull(deliveries);
        this.chooser = Objects.requireNonNull(chooser);
        this.jobs = Objects.requireNonNull(jobs);
        this.retryAfter = Objects.requireNonNull(retryAfter);
        this.clock = Objects.requireNonNull(clock);
    }

    public static String payload(String submissionId) {
        return JSON.createObjectNode().put("submission_id", Objects.requireNonNull(submissionId)).toString();
    }

    @Override
    public Outcome run(Job job) throws Exception {
        List<Letter> letters = deliveries.pendingOf(submissionId(job.payload()));
        List<Outcome> unwritten = new ArrayList<>();
        for (int i = 0; i < letters.size(); i++) {
            Letter letter = letters.get(i);
            DeliveryResult result = DeliveryJob.attempt(chooser, letter);
            String id = letter.deliveryId();
            unwritten.add(switch (result) {
                case DeliveryResult.Delivered d -> deliveries.delivered(id, d.channel(), d.receipt());
                case DeliveryResult.Rejected r -> deliveries.refused(id, r.channel(), r.reason());
                case DeliveryResult.NoRoute n -> deliveries.undeliverable(id, n.reason());
                case DeliveryResult.FailedTemporarily f -> h -> {
                    deliveries.markFailed(id, f.channel(), f.reason(), false);
                    jobs.enqueue(DeliveryJob.KIND, DeliveryJob.payload(id), clock.instant().plus(retryAfter));
                };
            });
            boolean reachedTheOffice = result instanceof DeliveryResult.Delivered || result instanceof DeliveryResult.Rejected;
            if (reachedTheOffice && i < letters.size() - 1) {
                deliveries.recordNow(deliveries.together(unwritten));
                unwritten.clear();
            }
        }
        return unwritten.isEmpty() ? null : deliveries.together(unwritten);
    }

    private static String submissionId(String payload) throws PermanentJobFailure {
        return DeliveryJob.textField(payload, "submission_id", "a letter delivery job");
    }
}
