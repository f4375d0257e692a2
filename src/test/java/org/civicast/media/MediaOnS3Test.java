package org.civicast.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.civicast.testing.ApiClient;
import org.civicast.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A server configured with CIVICAST_STORAGE=s3 keeps media in the bucket (S3Mock, in this JVM):
 * the fitted file and the original under the prefix, served from there, removed on delete. URLs
 * start with CIVICAST_PUBLIC_BASE_URL.
 */
class MediaOnS3Test {
    static final String BUCKET = "civicast-media";

    @RegisterExtension
    static final S3MockExtension S3 = S3MockExtension.builder().silent().withSecureConnection(false)
            .withInitialBuckets(BUCKET).build();

    static TestServer server;
    static SourceServer source;
    static S3Client bucket;

    @BeforeAll
    static void start() throws IOException {
        source = SourceServer.start();
        server = TestServer.start(Imports.settings(Map.of(
                "CIVICAST_STORAGE", "s3",
                "CIVICAST_S3_BUCKET", BUCKET,
                "CIVICAST_S3_ENDPOINT", S3.getServiceEndpoint(),
                "CIVICAST_S3_PATH_STYLE", "true",
                "CIVICAST_S3_ACCESS_KEY_ID", "civicast",
                "CIVICAST_S3_SECRET_ACCESS_KEY", "not-checked-by-s3mock",
                "CIVICAST_S3_PREFIX", "prod",
                "CIVICAST_MEDIA_MMS_MAX_BYTES", "60000",
                "CIVICAST_PUBLIC_BASE_URL", "https://media.example.org")), Clock.systemUTC());
        bucket = S3.createS3ClientV2();
    }

    @AfterAll
    static void stop() {
        server.close();
        source.close();
    }

    static List<String> keysUnder(String prefix) {
        return bucket.listObjectsV2(b -> b.bucket(BUCKET).prefix(prefix)).contents().stream().map(o -> o.key()).sorted()
                .toList();
    }

    @Test
    void mediaIsStoredInTheBucketServedFromItAndRemovedWithIt() throws Exception {
        byte[] png = MediaSamples.png(700, 500, false);
        assertTrue(png.length > 60_000);
        source.serve("/s3/banner.png", "image/png", png);
        ApiClient root = server.root();
        JsonNode d = Imports.importAndWait(root, source.url("/s3/banner.png"));
        assertEquals("ready", d.get("status").asText(), d.toString());
        String url = d.get("url").asText();
        assertTrue(url.matches("https://media\\.example\\.org/media/[0-9a-f]{32}/banner\\.jpg"), url);

        String key = "prod/" + d.get("storage_key").asText();
        String folder = key.replaceFirst("[^/]+$", "");
        assertEquals(List.of(folder + "banner.jpg", folder + "original/banner.png"), keysUnder(folder));
        assertArrayEquals(png, bucket.getObjectAsBytes(b -> b.bucket(BUCKET).key(folder + "original/banner.png"))
                .asByteArray());
        assertEquals("image/jpeg", bucket.headObject(b -> b.bucket(BUCKET).key(key)).contentType());
        assertFalse(Files.exists(server.dataDir().resolve("objects").resolve(d.get("storage_key").asText())),
                "nothing on the local disk");

        ApiClient.Response served = server.client(null).get(URI.create(url).getPath());
        assertEquals(200, served.status());
        assertArrayEquals(bucket.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray(), served.raw());
        assertEquals(Long.toString(d.get("file_size_bytes").asLong()), served.header("Content-Length"));

        assertEquals(200, root.delete("/v1/media/" + d.get("media_id").asText()).status());
        long deadline = System.currentTimeMillis() + 20_000;
        while (!keysUnder(folder).isEmpty() && System.currentTimeMillis() < deadline) Thread.sleep(50);
        assertEquals(List.of(), keysUnder(folder), "the purge job removed both objects from the bucket");
    }
}
