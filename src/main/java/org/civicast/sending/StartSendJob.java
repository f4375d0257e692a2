package org.civicast.sending;

import java.time.Clock;
import java.util.Optional;
import org.civicast.platform.db.Database;
import org.civicast.platform.http.Json;
import org.civicast.platform.jobs.Job;
import org.civicast.platform.jobs.JobHandler;
import org.civicast.platform.jobs.Jobs;

/**
 * The {@value #KIND} job, due at a project's scheduled time: moves the project to sending, sets
 * the time its messages expire, starts the dispatchers, and writes its audience as queued messages
 * (set-based, a band of numbers at a time: {@link Compilation}).
 * Run twice (a crash after it took effect), it finds the project sending, starts nothing new, and
 * writes what is left of the audience, if anything is.
 */
final class StartSendJob implements JobHandler {
    static final String KIND = "sending.start";

    private final Database db;
    private final BroadcastSource broadcasts;
    private final Jobs jobs;
    private final Clock clock;
    private final int dispatchers;
    private final java.time.Duration expiry;

    StartSendJob(Database db, BroadcastSource broadcasts, Jobs jobs, Clock clock, int dispatchers,
                 java.time.Duration expiry) {
        this.expiry = expiry;
        this.db = db;
        this.broadcasts = broadcasts;
        this.jobs = jobs;
        this.clock = clock;
        this.dispatchers = dispatchers;
    }

    static String payload(String projectId) {
        return Json.string(java.util.Map.of("project_id", projectId));
    }

    @Override
    public void run(Job job) throws Exception {
        String projectId = Json.MAPPER.readTree(job.payload()).get("project_id").asText();
        Optional<Broadcast> found = broadcasts.broadcast(projectId);
        if (found.isEmpty()) return;
        Broadcast b = found.get();
        Long key = db.tx(h -> {
            if (!broadcasts.startSending(projectId)) {
                // Unscheduled, paused, or started before: a start cut short goes on compiling.
                return SendStore.startedUncompiled(h, projectId).orElse(null);
            }
            long k = SendStore.sendKey(h, projectId, b.organizationId(), b.brandId(), clock.instant());
            // A first start, or a new schedule restarting a paused send: its messages have from now on.
            SendStore.startDeadline(h, k, clock.instant().plus(expiry));
            // The dispatchers start with the first band of the audience, not after the last.
            for (int i = 0; i < dispatchers; i++) jobs.enqueue(DispatchJob.KIND, DispatchJob.payload(projectId, i));
            return k;
        });
        if (key != null) Compilation.run(db, key, b, clock);
    }
}
