package org.civicast.advocacy.delivery;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.civicast.platform.jobs.RecordingJobHandler;

/** Deliveries kept in memory, with every recorded outcome in order, for the tests. */
final class InMemoryDeliveries implements Deliveries {
    final Map<String, Letter> letters = new ConcurrentHashMap<>();
    final Map<String, String> status = new ConcurrentHashMap<>();
    final List<String> events = new CopyOnWriteArrayList<>();

    /** Each submission's delivery ids, in the order added. */
    final Map<String, List<String>> submissions = new ConcurrentHashMap<>();

    void add(Letter letter) {
        letters.put(letter.deliveryId(), letter);
        status.put(letter.deliveryId(), "pending");
    }

    void add(String submissionId, Letter letter) {
        add(letter);
        submissions.computeIfAbsent(submissionId, s -> new CopyOnWriteArrayList<>()).add(letter.deliveryId());
    }

    @Override
    public List<Letter> pendingOf(String submissionId) {
        return submissions.getOrDefault(submissionId, List.of()).stream().sorted()
                .flatMap(id -> pending(id).stream()).toList();
    }

    /** Marks in {@link #events} where the outcomes before it were committed ahead of the job's end. */
    @Override
    public void recordNow(RecordingJobHandler.Outcome outcome) {
        outcome.record(null);
        events.add("committed");
    }

    @Override
    public Optional<Letter> pending(String deliveryId) {
        String s = status.get(deliveryId);
        return s != null && (s.equals("pending") || s.equals("retrying")) ? Optional.of(letters.get(deliveryId))
                : Optional.empty();
    }

    @Override
    public RecordingJobHandler.Outcome delivered(String deliveryId, String channel, String receipt) {
        return h -> {
            status.put(deliveryId, "delivered");
            events.add(deliveryId + " delivered by " + channel + ": " + receipt);
        };
    }

    @Override
    public RecordingJobHandler.Outcome refused(String deliveryId, String channel, String reason) {
        return h -> markFailed(deliveryId, channel, reason, true);
    }

    @Override
    public void markFailed(String deliveryId, String channel, String reason, boolean permanent) {
        status.put(deliveryId, permanent ? "failed" : "retrying");
        events.add(deliveryId + (permanent ? " failed by " : " retrying by ") + channel + ": " + reason);
    }

    @Override
    public RecordingJobHandler.Outcome undeliverable(String deliveryId, String reason) {
        return h -> {
            status.put(deliveryId, DeliveryResult.NO_ROUTE);
            events.add(deliveryId + " " + DeliveryResult.NO_ROUTE + ": " + reason);
        };
    }
}
