package org.civicast.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;
import org.civicast.platform.jobs.Job;
import org.civicast.platform.jobs.JobHandler;
import org.civicast.platform.jobs.PermanentJobFailure;
import org.civicast.platform.storage.ObjectStorage;

/**
 * The {@value #KIND} job: removes a deleted file's stored objects. It is queued in the deleting
 * transaction, so objects go exactly when the row went, and storage that is down for a while is
 * tried again with the jobs' backoff. Deleting an object already gone is harmless.
 */
public final class MediaPurgeJob implements JobHandler {
    public static final String KIND = "media.purge";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectStorage storage;

    public MediaPurgeJob(ObjectStorage storage) {
        this.storage = storage;
    }

    static String payload(List<String> keys) {
        ArrayNode array = JSON.createArrayNode();
        keys.forEach(array::add);
        return JSON.createObjectNode().set("keys", array).toString();
    }

    @Override
    public void run(Job job) throws Exception {
        JsonNode keys;
        try {
            keys = JSON.readTree(job.payload()).get("keys");
        } catch (Exception e) {
            throw new PermanentJobFailure("not a media purge payload: " + e.getMessage(), e);
        }
        if (keys == null || !keys.isArray()) throw new PermanentJobFailure("the payload names no keys");
        for (JsonNode key : keys) storage.delete(key.asText());
    }
}
