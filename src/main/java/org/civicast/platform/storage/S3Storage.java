package org.civicast.platform.storage;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.civicast.platform.config.StorageSettings;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Objects in a bucket of AWS S3 or any S3-compatible service, named {@code prefix/key}. Writes
 * are single PUTs, which S3 makes visible whole or not at all; bodies stream through the SDK.
 * Failures surface as IOException naming the bucket and key, never the credentials.
 */
public final class S3Storage implements ObjectStorage {
    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    public S3Storage(S3Client s3, String bucket, String prefix) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix == null || prefix.isEmpty() ? "" : prefix + "/";
    }

    static S3Storage of(StorageSettings settings) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(Apache5HttpClient.builder())
                .region(Region.of(settings.s3Region()))
                .forcePathStyle(settings.s3PathStyle())
                .credentialsProvider(credentials(settings))
                // Many S3-compatible services refuse the newer default integrity headers; S3 still
                // checks each upload against its Content-Length and signature.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (settings.s3Endpoint() != null) builder.endpointOverride(settings.s3Endpoint());
        return new S3Storage(builder.build(), settings.s3Bucket(), settings.s3Prefix());
    }

    private static AwsCredentialsProvider credentials(StorageSettings settings) {
        if (settings.s3AccessKeyId() == null) return DefaultCredentialsProvider.builder().build();
        return StaticCredentialsProvider.create(
                AwsBasicCredentials.create(settings.s3AccessKeyId(), settings.s3SecretAccessKey()));
    }

    @Override
    public void put(String key, InputStream content, long length, String contentType) throws IOException {
        String name = name(key);
        try {
            s3.putObject(b -> b.bucket(bucket).key(name).contentType(contentType).contentLength(length),
                    RequestBody.fromInputStream(content, length));
        } catch (SdkException | IllegalStateException e) {
            // IllegalStateException: the SDK wanted to retry but could not rewind the caller's stream.
            throw failure("store", name, e);
        }
    }

    @Override
    public Optional<StoredObject> open(String key) throws IOException {
        String name = name(key);
        try {
            ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(bucket).key(name));
            GetObjectResponse head = in.response();
            return Optional.of(new StoredObject(in, head.contentLength(), head.contentType()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw failure("read", name, e);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        String name = name(key);
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(name));
        } catch (SdkException e) {
            throw failure("delete", name, e);
        }
    }

    @Override
    public boolean exists(String key) throws IOException {
        String name = name(key);
        try {
            s3.headObject(b -> b.bucket(bucket).key(name));
            return true;
        } catch (S3Exception e) {
            // HEAD answers have no body, so a missing key is a bare 404 rather than NoSuchKey.
            if (e.statusCode() == 404) return false;
            throw failure("look up", name, e);
        } catch (SdkException e) {
            throw failure("look up", name, e);
        }
    }

    private String name(String key) {
        return prefix + ObjectKeys.check(key);
    }

    private IOException failure(String action, String name, RuntimeException e) {
        return new IOException("cannot " + action + " s3://" + bucket + "/" + name + ": " + e.getMessage(), e);
    }
}
