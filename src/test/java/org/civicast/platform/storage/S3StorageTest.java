package org.civicast.platform.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.civicast.platform.config.StorageSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;

/** The storage contract on an S3 API (S3Mock, in this JVM), as configured from the CIVICAST_S3_* settings. */
class S3StorageTest extends StorageContract {
    static final String BUCKET = "contract";

    @RegisterExtension
    static final S3MockExtension S3 = S3MockExtension.builder().silent().withSecureConnection(false)
            .withInitialBuckets(BUCKET).build();

    static ObjectStorage storage;

    @BeforeAll
    static void connect() {
        storage = ObjectStorage.configured(settings("tenant-a/files"));
    }

    static StorageSettings settings(String prefix) {
        return new StorageSettings(StorageSettings.Kind.S3, null, BUCKET, "us-east-1",
                URI.create(S3.getServiceEndpoint()), true, "access-key", "secret-key", prefix);
    }

    @Override
    ObjectStorage storage() {
        return storage;
    }

    @Override
    List<String> childArguments(Path scratch) {
        return List.of("s3", S3.getServiceEndpoint(), BUCKET);
    }

    @Test
    void keysLiveUnderThePrefixInTheBucket() throws IOException {
        byte[] bytes = "GIF89a".getBytes(StandardCharsets.UTF_8);
        storage.put("media/m1/a.gif", new ByteArrayInputStream(bytes), bytes.length, "image/gif");
        S3Client s3 = S3.createS3ClientV2();
        assertArrayEquals(bytes, s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("tenant-a/files/media/m1/a.gif"))
                .asByteArray());
        assertEquals("image/gif", s3.headObject(b -> b.bucket(BUCKET).key("tenant-a/files/media/m1/a.gif")).contentType());
    }

    @Test
    void aMissingBucketIsAnIOExceptionNamingIt() {
        ObjectStorage elsewhere = ObjectStorage.configured(new StorageSettings(StorageSettings.Kind.S3, null, "no-such-bucket",
                "us-east-1", URI.create(S3.getServiceEndpoint()), true, "access-key", "secret-key", ""));
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> elsewhere.put("k", new ByteArrayInputStream(new byte[1]), 1, "text/plain"));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("s3://no-such-bucket/k"), e.getMessage());
    }
}
