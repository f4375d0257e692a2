package org.civicast.sending;

import java.util.Map;
import org.civicast.platform.db.Database;
import org.civicast.platform.http.Json;
import org.civicast.platform.jobs.Job;
import org.civicast.platform.jobs.JobHandler;
import org.civicast.platform.jobs.Jobs;

/**
 * The {@value #KIND} job, due when a send paused by the engine may go on (the next recipients'
 * sending hours open): resumes the project if it is still paused for that reason — a person who
 * paused, unscheduled or rescheduled it since has the last word — and starts its dispatchers.
 */
final class ResumeJob implements JobHandler {
    static final String KIND = "sending.resume";

    private final Database db;
    private final BroadcastSource broadcasts;
    private final Jobs jobs;

    ResumeJob(Database db, BroadcastSource broadcasts, Jobs jobs) {
        this.db = db;
        this.broadcasts = broadcasts;
        this.jobs = jobs;
    }

    static String payload(String projectId, String reason) {
        return Json.string(Map.of("project_id", projectId, "reason", reason));
    }

    @Override
    public void run(Job job) throws Exception {
        var payload = Json.MAPPER.readTree(job.payload());
        String projectId = payload.get("project_id").asText();
        String reason = payload.get("reason").asText();
        db.tx(h -> {
            if (broadcasts.resume(projectId, reason)) {
                for (int i = 0; i < Sending.DISPATCHERS; i++) {
                    jobs.enqueue(DispatchJob.KIND, DispatchJob.payload(projectId, i));
                }
            }
            return null;
        });
    }
}
