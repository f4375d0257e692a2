package org.civicast.sending;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.civicast.platform.db.Database;
import org.civicast.platform.jobs.Jobs;

/**
 * The sending engine as other features see it: a project scheduled for a time is started then
 * (the {@link StartSendJob}); its messages' counts by status answer its statistics.
 */
public final class SendingService {
    private final Database db;
    private final Jobs jobs;
    private final java.time.Clock clock;

    SendingService(Database db, Jobs jobs, java.time.Clock clock) {
        this.db = db;
        this.jobs = jobs;
        this.clock = clock;
    }

    /** Starts the project at {@code at} (now or past: as soon as a worker is free), if it is still scheduled then. */
    public void scheduled(String projectId, Instant at) {
        jobs.enqueue(StartSendJob.KIND, StartSendJob.payload(projectId), at);
    }

    /**
     * Queues a project's test messages and hands them over at once, whatever the project's state:
     * each phone (E.164) with its own merge values, from the sender its number hashes to. Answers
     * the test messages' ids, in order.
     */
    public List<String> test(Broadcast b, List<Map.Entry<String, Map<String, String>>> recipients) {
        Instant now = clock.instant();
        return db.tx(h -> {
            long key = SendStore.sendKey(h, b.projectId(), b.organizationId(), b.brandId(), now);
            List<SendStore.TestMessage> tests = new ArrayList<>();
            for (Map.Entry<String, Map<String, String>> r : recipients) {
                long phone = Long.parseLong(r.getKey().substring(1));
                tests.add(new SendStore.TestMessage(phone, b.senders().get((int) (phone % b.senders().size())), r.getValue()));
            }
            List<String> ids = SendStore.queueTests(h, key, tests, now).stream().map(MessageIds::of).toList();
            jobs.enqueue(DispatchJob.KIND, DispatchJob.testPayload(b.projectId()));
            return ids;
        });
    }

    /** Segments the brand has sent today, Pacific time: what T-Mobile's daily cap counts. */
    public int usedToday(String brandId, Instant now) {
        return db.read(h -> SendStore.segmentsOn(h, brandId, PacificDay.of(now)));
    }

    /** How many recipients the project's send was compiled for; empty before it was. */
    public java.util.OptionalInt recipients(String projectId) {
        return db.read(h -> SendStore.recipients(h, projectId));
    }

    /** Messages of the project by status: {@code queued, sent, delivered, undeliverable, failed, opted_out, expired}. */
    public Map<String, Integer> counts(String projectId, boolean tests) {
        return db.read(h -> SendStore.existingKey(h, projectId).map(key -> SendStore.counts(h, key, tests)).orElse(Map.of()));
    }
}
