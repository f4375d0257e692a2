package org.civicast.platform.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CIVICAST_STORAGE, CIVICAST_S3_* and CIVICAST_MEDIA_*: defaults, and every mistake named. */
class StorageSettingsTest {
    private static String failure(Map<String, String> env) {
        return assertThrows(ConfigException.class, () -> Config.load(env)).getMessage();
    }

    @Test
    void localStorageInTheDataDirectoryByDefault() {
        Config c = Config.load(Map.of("CIVICAST_DATA_DIR", "/srv/civicast"));
        assertEquals(StorageSettings.Kind.LOCAL, c.storage().kind());
        assertEquals(Path.of("/srv/civicast/objects"), c.storage().dir());
        assertEquals(Path.of("elsewhere").toAbsolutePath(),
                Config.load(Map.of("CIVICAST_STORAGE_DIR", "elsewhere")).storage().dir());
        assertEquals(500_000, c.media().mmsMaxBytes());
        assertEquals(20_000_000, c.media().maxSourceBytes());
        assertEquals(Duration.ofSeconds(60), c.media().fetchTimeout());
    }

    @Test
    void s3SettingsAreReadTogether() {
        StorageSettings s = Config.load(Map.of("CIVICAST_STORAGE", "S3", "CIVICAST_S3_BUCKET", "civicast-media",
                "CIVICAST_S3_REGION", "eu-west-3", "CIVICAST_S3_ENDPOINT", "https://minio.internal:9000/",
                "CIVICAST_S3_PATH_STYLE", "true", "CIVICAST_S3_ACCESS_KEY_ID", "AKIAEXAMPLE",
                "CIVICAST_S3_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG", "CIVICAST_S3_PREFIX", "/prod/civicast/"))
                .storage();
        assertEquals(StorageSettings.Kind.S3, s.kind());
        assertEquals("civicast-media", s.s3Bucket());
        assertEquals("eu-west-3", s.s3Region());
        assertEquals(URI.create("https://minio.internal:9000"), s.s3Endpoint());
        assertTrue(s.s3PathStyle());
        assertEquals("prod/civicast", s.s3Prefix());
        assertFalse(s.toString().contains("wJalrXUtnFEMI"), "the secret never shows: " + s);
        assertFalse(Config.load(Map.of("CIVICAST_STORAGE", "s3", "CIVICAST_S3_BUCKET", "b",
                "CIVICAST_S3_ACCESS_KEY_ID", "AKIA", "CIVICAST_S3_SECRET_ACCESS_KEY", "wJalrXUtnFEMI")).toString()
                .contains("wJalrXUtnFEMI"), "nor in the whole configuration's text");

        StorageSettings aws = Config.load(Map.of("CIVICAST_STORAGE", "s3", "CIVICAST_S3_BUCKET", "b")).storage();
        assertEquals("us-east-1", aws.s3Region());
        assertNull(aws.s3Endpoint());
        assertNull(aws.s3AccessKeyId(), "the SDK's default credentials");
        assertEquals("", aws.s3Prefix());
    }

    @Test
    void misconfigurationStopsTheStartNamingTheVariable() {
        assertTrue(failure(Map.of("CIVICAST_STORAGE", "ftp")).startsWith("CIVICAST_STORAGE must be local or s3"));
        assertTrue(failure(Map.of("CIVICAST_STORAGE", "s3")).contains("CIVICAST_S3_BUCKET"));
        assertTrue(failure(Map.of("CIVICAST_STORAGE", "s3", "CIVICAST_S3_BUCKET", "Bad Bucket"))
                .startsWith("CIVICAST_S3_BUCKET"));
        assertTrue(failure(Map.of("CIVICAST_STORAGE", "s3", "CIVICAST_S3_BUCKET", "b",
                "CIVICAST_S3_ACCESS_KEY_ID", "AKIA")).contains("CIVICAST_S3_SECRET_ACCESS_KEY"));
        assertTrue(failure(Map.of("CIVICAST_S3_ENDPOINT", "minio:9000")).startsWith("CIVICAST_S3_ENDPOINT"));
        assertTrue(failure(Map.of("CIVICAST_S3_PATH_STYLE", "yes")).startsWith("CIVICAST_S3_PATH_STYLE"));
        assertTrue(failure(Map.of("CIVICAST_S3_REGION", "US East")).startsWith("CIVICAST_S3_REGION"));
        assertTrue(failure(Map.of("CIVICAST_S3_PREFIX", "a/../b")).startsWith("CIVICAST_S3_PREFIX"));
        assertTrue(failure(Map.of("CIVICAST_MEDIA_MMS_MAX_BYTES", "lots")).startsWith("CIVICAST_MEDIA_MMS_MAX_BYTES"));
        assertTrue(failure(Map.of("CIVICAST_MEDIA_MAX_SOURCE_BYTES", "400000"))
                .contains("must not exceed CIVICAST_MEDIA_MAX_SOURCE_BYTES"));
        assertTrue(failure(Map.of("CIVICAST_MEDIA_FETCH_TIMEOUT_SECONDS", "0"))
                .startsWith("CIVICAST_MEDIA_FETCH_TIMEOUT_SECONDS"));
    }
}
