package org.civicast.contacts;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.civicast.platform.db.Database;
import org.civicast.platform.http.Json;
import org.civicast.platform.jobs.Job;
import org.civicast.platform.jobs.JobHandler;

/**
 * The {@value #KIND} job: looks up a list's numbers batch by batch and stores each batch's line
 * types with the counters in one transaction. A restarted job continues with the numbers not yet
 * analysed; none is looked up twice by the list, and the lookup's cache spares the provider what
 * another list asked before.
 */
final class AnalysisJob implements JobHandler {
    static final String KIND = "contacts.analyze";
    static final int BATCH = 1000;

    private final Database db;
    private final LineTypeSource source;
    private final Clock clock;

    AnalysisJob(Database db, LineTypeSource source, Clock clock) {
        this.db = db;
        this.source = source;
        this.clock = clock;
    }

    static String payload(String listId) {
        return Json.string(java.util.Map.of("list_id", listId));
    }

    @Override
    public void run(Job job) throws Exception {
        String listId = Json.MAPPER.readTree(job.payload()).get("list_id").asText();
        Optional<ContactListStore.Row> found = db.read(h -> ContactListStore.find(h, listId));
        if (found.isEmpty() || !found.get().analysisStatus().equals("processing")) return;
        ContactListStore.Row list = found.get();
        try {
            while (true) {
                List<Long> batch = db.read(h -> Analysis.nextBatch(h, list.key(), BATCH));
                if (batch.isEmpty()) break;
                List<LineTypeSource.LineType> results = source.lookup(list.organizationId(), listId, batch);
                java.util.Set<Long> answered = new java.util.HashSet<>();
                results.forEach(r -> answered.add(r.phone()));
                if (!answered.containsAll(batch)) {
                    throw new IllegalArgumentException("the lookup answered for " + answered.size() + " of "
                            + batch.size() + " numbers");
                }
                db.tx(h -> {
                    Analysis.record(h, list.key(), results);
                    return null;
                });
            }
            db.tx(h -> {
                Analysis.complete(h, listId, clock.instant());
                return null;
            });
        } catch (IllegalStateException e) {
            fail(listId, e.getMessage());
        } catch (Exception e) {
            if (job.lastAttempt()) fail(listId, "The analysis failed " + job.attempt() + " times; the last time: " + e.getMessage());
            throw e;
        }
    }

    private void fail(String listId, String reason) {
        db.tx(h -> {
            Analysis.failed(h, listId, reason, clock.instant());
            return null;
        });
    }
}
