package org.civicast.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import org.civicast.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Without an allow-list, the guarded client will not fetch from this machine or over plain
 * http: the file fails at once, saying why, and the source never hears a request.
 */
class MediaGuardTest {
    static TestServer server;
    static SourceServer source;

    @BeforeAll
    static void start() throws IOException {
        source = SourceServer.start();
        source.serve("/inside/photo.jpg", "image/jpeg", MediaSamples.jpeg(50, 50));
        server = TestServer.start(Map.of("CIVICAST_JOBS_POLL_MILLIS", "50", "CIVICAST_OUTBOUND_ALLOW_HTTP", "true"),
                Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        server.close();
        source.close();
    }

    @Test
    void aLoopbackSourceIsRefusedWithoutTheAllowList() {
        JsonNode d = Imports.importAndWait(server.root(), source.url("/inside/photo.jpg"));
        assertEquals("failed", d.get("status").asText(), d.toString());
        String reason = d.get("failure_reason").asText();
        assertTrue(reason.startsWith("the source is not on the public internet, where Civicast fetches files from: "
                + "127.0.0.1 resolves to 127.0.0.1, a loopback address"), reason);
        assertEquals(0, source.hits("/inside/photo.jpg"));
    }

    @Test
    void aCloudMetadataAddressIsRefusedToo() {
        JsonNode d = Imports.importAndWait(server.root(), "http://169.254.169.254/latest/meta-data/");
        assertTrue(d.get("failure_reason").asText().contains("a link-local address"), d.toString());
    }
}
