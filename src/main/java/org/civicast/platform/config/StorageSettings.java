package org.civicast.platform.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where the server keeps files such as imported media: a directory of this machine, or a bucket
 * of any S3-compatible service (AWS S3, MinIO, Cloudflare R2, Backblaze B2, …). A local directory
 * serves one instance; instances that share a database must share a bucket.
 *
 * @param dir             the directory of {@code local} storage
 * @param s3Endpoint      another service than AWS S3; null: AWS in {@code s3Region}
 * @param s3PathStyle     address the bucket as {@code endpoint/bucket/key}, as most self-hosted services want
 * @param s3AccessKeyId   with the secret, static credentials; both null: the SDK's default chain
 *                        (environment, profile, container or instance role)
 * @param s3Prefix        prepended to every key, so that one bucket can hold several servers' files
 */
public record StorageSettings(Kind kind, Path dir, String s3Bucket, String s3Region, URI s3Endpoint,
                              boolean s3PathStyle, String s3AccessKeyId, String s3SecretAccessKey, String s3Prefix) {

    public enum Kind { LOCAL, S3 }

    /** Checks the combination; every message names the variable to fix. */
    static StorageSettings parse(String kind, Path dir, String bucket, String region, String endpoint,
                                 boolean pathStyle, String accessKeyId, String secretAccessKey, String prefix) {
        Kind chosen = switch (kind.toLowerCase(Locale.ROOT)) {
            case "local" -> Kind.LOCAL;
            case "s3" -> Kind.S3;
            default -> throw new ConfigException("CIVICAST_STORAGE must be local or s3, got '" + kind + "'");
        };
        if (chosen == Kind.S3 && bucket == null) {
            throw new ConfigException("CIVICAST_STORAGE=s3 needs CIVICAST_S3_BUCKET, the bucket to keep files in");
        }
        if (bucket != null && !bucket.matches("[a-z0-9][a-z0-9.\\-_]{0,254}")) {
            throw new ConfigException("CIVICAST_S3_BUCKET must be a bucket name (lowercase letters, digits, . - _), got '"
                    + bucket + "'");
        }
        if ((accessKeyId == null) != (secretAccessKey == null)) {
            throw new ConfigException("CIVICAST_S3_ACCESS_KEY_ID and CIVICAST_S3_SECRET_ACCESS_KEY go together: "
                    + "set both, or neither to use the AWS SDK's default credentials");
        }
        if (!region.matches("[a-z0-9-]{2,40}")) {
            throw new ConfigException("CIVICAST_S3_REGION must be a region name such as us-east-1, got '" + region + "'");
        }
        String cleanPrefix = prefix == null ? "" : prefix.replaceAll("^/+|/+$", "");
        if (!cleanPrefix.isEmpty() && !cleanPrefix.matches("[A-Za-z0-9][A-Za-z0-9._\\-]*(/[A-Za-z0-9][A-Za-z0-9._\\-]*)*")) {
            throw new ConfigException("CIVICAST_S3_PREFIX must be path segments of letters, digits, . _ and -, got '"
                    + prefix + "'");
        }
        return new StorageSettings(chosen, dir, bucket, region, endpoint(endpoint), pathStyle, accessKeyId,
                secretAccessKey, cleanPrefix);
    }

    private static URI endpoint(String value) {
        if (value == null) return null;
        try {
            URI uri = new URI(value.replaceAll("/+$", ""));
            if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                throw new ConfigException("CIVICAST_S3_ENDPOINT must be an http(s):// URL, got " + value);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigException("CIVICAST_S3_ENDPOINT is not a URL: " + value);
        }
    }

    /** Without the secret access key: settings end up in logs and error reports. */
    @Override
    public String toString() {
        return "StorageSettings[" + (kind == Kind.LOCAL ? "local " + dir
                : "s3 bucket=" + s3Bucket + ", region=" + s3Region + ", endpoint=" + s3Endpoint
                + ", pathStyle=" + s3PathStyle + ", prefix=" + s3Prefix
                + ", credentials=" + (s3AccessKeyId == null ? "default chain" : "static " + s3AccessKeyId)) + "]";
    }
}
