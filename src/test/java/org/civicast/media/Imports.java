package org.civicast.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import org.civicast.testing.ApiClient;

/** Starting an import through the API and polling it as a client does. */
final class Imports {
    private Imports() {}

    /** Server settings for import tests: sources on this machine over http, jobs picked up and retried at once. */
    static Map<String, String> settings(Map<String, String> more) {
        Map<String, String> all = new HashMap<>(Map.of(
                "CIVICAST_OUTBOUND_ALLOWLIST", "127.0.0.1",
                "CIVICAST_OUTBOUND_ALLOW_HTTP", "true",
                "CIVICAST_JOBS_POLL_MILLIS", "50",
                "CIVICAST_JOBS_BACKOFF_BASE_SECONDS", "0",
                "CIVICAST_JOBS_BACKOFF_MAX_SECONDS", "0"));
        all.putAll(more);
        return all;
    }

    /** POSTs the import (202 expected) and answers the media id. */
    static String start(ApiClient key, Map<String, Object> body) {
        ApiClient.Response r = key.post("/v1/media", body);
        assertEquals(202, r.status(), r.toString());
        assertEquals("optimizing", r.data().get("status").asText());
        return r.data().get("media_id").asText();
    }

    /** The file's detail once it is ready or failed. */
    static JsonNode settled(ApiClient key, String id) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            ApiClient.Response r = key.get("/v1/media/" + id);
            assertEquals(200, r.status(), r.toString());
            if (!r.data().get("status").asText().equals("optimizing")) return r.data();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("media " + id + " still optimizing after 60 s");
    }

    static JsonNode importAndWait(ApiClient key, String sourceUrl) {
        return settled(key, start(key, Map.of("source_url", sourceUrl)));
    }
}
