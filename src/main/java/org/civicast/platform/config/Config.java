package org.civicast.platform.config;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Every setting of the server, read once at start from the environment and an optional
 * properties file. Names are the documented environment variables (docs/configuration.md);
 * the file uses the same names and the environment wins over it. A misspelt or malformed
 * variable stops the start, because a silently ignored setting is worse than no start.
 *
 * <p>The secrets keys are held as bytes, not as their base64 text, so that {@code toString} shows
 * no key; {@code secretsKey} is null when the key is kept in the data directory instead.
 */
public record Config(
        Path dataDir,
        String bindAddress,
        int port,
        String databaseUrl,
        String databaseUser,
        String databasePassword,
        int databasePoolSize,
        int embeddedDatabasePort,
        TlsMode tlsMode,
        Path tlsCertFile,
        Path tlsKeyFile,
        String tlsKeystorePassword,
        List<Cidr> trustedProxies,
        int rateLimitPerHour,
        Duration idempotencyTtl,
        long maxBodyBytes,
        URI publicBaseUrl,
        LogFormat logFormat,
        String bootstrapApiKey,
        byte[] secretsKey,
        List<byte[]> secretsPreviousKeys,
        byte[] metricsToken,
        InetSocketAddress metricsAddress,
        String bootstrapAuthToken,
        int advocacyConcurrentRequests,
        boolean congressLoadOnStart,
        List<String> congressLegislators,
        String congressDistricts,
        String congressContactForms,
        int congressRefreshSeconds,
        String geocoder,
        URI geocoderUrl,
        DeliverySettings delivery,
        org.civicast.platform.jobs.JobsConfig jobs,
        OutboundSettings outbound,
        ContactSettings contacts,
        GatewaySettings gateway,
        LookupSettings lookup,
        StorageSettings storage,
        MediaSettings media,
        PricingSettings pricing,
        SendingSettings sending,
        // Where the embedded PostgreSQL's programs are unpacked; null: dataDir/pg-binaries.
        Path embeddedDatabaseBinariesDir) {


    public enum TlsMode { SELF_SIGNED, PEM, PKCS12, PROXY }

    public enum LogFormat { TEXT, JSON }

    /** Documented variables, with their defaults (null: no default). */
    static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

    static {
        DEFAULTS.put("CIVICAST_CONFIG_FILE", null);
        DEFAULTS.put("CIVICAST_DATA_DIR", "civicast-data");
        DEFAULTS.put("CIVICAST_BIND_ADDRESS", "0.0.0.0");
        DEFAULTS.put("CIVICAST_PORT", "8443");
        DEFAULTS.put("CIVICAST_DATABASE_URL", null);
        DEFAULTS.put("CIVICAST_DATABASE_USER", null);
        DEFAULTS.put("CIVICAST_DATABASE_PASSWORD", null);
        DEFAULTS.put("CIVICAST_DATABASE_POOL_SIZE", "16");
        DEFAULTS.put("CIVICAST_EMBEDDED_DATABASE_PORT", "0");
        DEFAULTS.put("CIVICAST_EMBEDDED_DATABASE_BINARIES_DIR", null);
        DEFAULTS.put("CIVICAST_TLS", "self-signed");
        DEFAULTS.put("CIVICAST_TLS_CERT_FILE", null);
        DEFAULTS.put("CIVICAST_TLS_KEY_FILE", null);
        DEFAULTS.put("CIVICAST_TLS_KEYSTORE_PASSWORD", null);
        DEFAULTS.put("CIVICAST_TRUSTED_PROXIES", "");
        DEFAULTS.put("CIVICAST_RATE_LIMIT_PER_HOUR", "100");
        DEFAULTS.put("CIVICAST_IDEMPOTENCY_TTL_HOURS", "24");
        DEFAULTS.put("CIVICAST_MAX_BODY_BYTES", "1048576");
        DEFAULTS.put("CIVICAST_PUBLIC_BASE_URL", null);
        DEFAULTS.put("CIVICAST_LOG_FORMAT", "text");
        DEFAULTS.put("CIVICAST_BOOTSTRAP_API_KEY", null);
        DEFAULTS.put("CIVICAST_SECRETS_KEY", null);
        DEFAULTS.put("CIVICAST_SECRETS_KEY_FILE", null);
        DEFAULTS.put("CIVICAST_SECRETS_PREVIOUS_KEYS", "");
        DEFAULTS.put("CIVICAST_BOOTSTRAP_AUTH_TOKEN", null);
        DEFAULTS.put("CIVICAST_ADVOCACY_CONCURRENT_REQUESTS", "10");
        DEFAULTS.put("CIVICAST_CONGRESS_LOAD_ON_START", "true");
        DEFAULTS.put("CIVICAST_CONGRESS_LEGISLATORS", "");
        DEFAULTS.put("CIVICAST_CONGRESS_DISTRICTS", null);
        DEFAULTS.put("CIVICAST_CONGRESS_CONTACT_FORMS", null);
        DEFAULTS.put("CIVICAST_CONGRESS_REFRESH_SECONDS", "30");
        DEFAULTS.put("CIVICAST_JOBS_WORKERS", "4");
        DEFAULTS.put("CIVICAST_QUIET_HOURS", "08:00-21:00");
        DEFAULTS.put("CIVICAST_SENDING_PACING", "on");
        DEFAULTS.put("CIVICAST_SENDING_NUMBER_SEGMENTS_PER_SECOND", "0");
        DEFAULTS.put("CIVICAST_SENDING_EXPIRY_HOURS", "24");
        DEFAULTS.put("CIVICAST_SENDING_DISPATCHERS", "16");
        DEFAULTS.put("CIVICAST_JOBS_POLL_MILLIS", "1000");
        DEFAULTS.put("CIVICAST_JOBS_LEASE_SECONDS", "300");
        DEFAULTS.put("CIVICAST_JOBS_MAX_ATTEMPTS", "16");
        DEFAULTS.put("CIVICAST_JOBS_BACKOFF_BASE_SECONDS", "30");
        DEFAULTS.put("CIVICAST_JOBS_BACKOFF_MAX_SECONDS", "3600");
        DEFAULTS.put("CIVICAST_JOBS_SHUTDOWN_GRACE_SECONDS", "20");
        DEFAULTS.put("CIVICAST_JOBS_RETENTION_DAYS", "7");
        DEFAULTS.put("CIVICAST_SMTP_TIMEOUT_SECONDS", "30");
        DEFAULTS.put("CIVICAST_ADVOCACY_REPEAT_WINDOW_HOURS", "24");
        DEFAULTS.put("CIVICAST_CWC_HOUSE_URL", null);
        DEFAULTS.put("CIVICAST_CWC_HOUSE_API_KEY", null);
        DEFAULTS.put("CIVICAST_CWC_SENATE_URL", null);
        DEFAULTS.put("CIVICAST_CWC_SENATE_API_KEY", null);
        DEFAULTS.put("CIVICAST_CWC_SENATE_OFFICES", "");
        DEFAULTS.put("CIVICAST_CWC_DELIVERY_AGENT", null);
        DEFAULTS.put("CIVICAST_CWC_ACK_EMAIL", null);
        DEFAULTS.put("CIVICAST_CWC_CONTACT_NAME", null);
        DEFAULTS.put("CIVICAST_CWC_CONTACT_EMAIL", null);
        DEFAULTS.put("CIVICAST_CWC_CONTACT_PHONE", null);
        DEFAULTS.put("CIVICAST_SMTP_HOST", null);
        DEFAULTS.put("CIVICAST_SMTP_PORT", "587");
        DEFAULTS.put("CIVICAST_SMTP_SECURITY", "starttls");
        DEFAULTS.put("CIVICAST_SMTP_USERNAME", null);
        DEFAULTS.put("CIVICAST_SMTP_PASSWORD", null);
        DEFAULTS.put("CIVICAST_DELIVERY_EMAIL_FROM", null);
        DEFAULTS.put("CIVICAST_OUTBOUND_ALLOWLIST", "");
        DEFAULTS.put("CIVICAST_OUTBOUND_ALLOW_HTTP", "false");
        DEFAULTS.put("CIVICAST_GATEWAY", "simulator");
        DEFAULTS.put("CIVICAST_SIMULATOR_LATENCY_MILLIS", "0");
        DEFAULTS.put("CIVICAST_SIMULATOR_MESSAGES_PER_SECOND", "0");
        DEFAULTS.put("CIVICAST_SIMULATOR_RECEIPT_DELAY_MILLIS", "1000");
        DEFAULTS.put("CIVICAST_SIMULATOR_UNDELIVERABLE_PERCENT", "2");
        DEFAULTS.put("CIVICAST_SIMULATOR_ERROR_CODES", "30003,30005,30006");
        DEFAULTS.put("CIVICAST_CONTACTS_REGIONS", "US,CA");
        DEFAULTS.put("CIVICAST_CONTACTS_MAX_FILE_BYTES", "2147483648");
        DEFAULTS.put("CIVICAST_CONTACTS_FETCH_TIMEOUT_SECONDS", "900");
        DEFAULTS.put("CIVICAST_LOOKUP_PROVIDER", "offline");
        DEFAULTS.put("CIVICAST_LOOKUP_URL", null);
        DEFAULTS.put("CIVICAST_TELNYX_API_KEY", null);
        DEFAULTS.put("CIVICAST_TWILIO_ACCOUNT_SID", null);
        DEFAULTS.put("CIVICAST_TWILIO_AUTH_TOKEN", null);
        DEFAULTS.put("CIVICAST_LOOKUP_CACHE_DAYS", "30");
        DEFAULTS.put("CIVICAST_LOOKUP_CONCURRENCY", "8");
        DEFAULTS.put("CIVICAST_STORAGE", "local");
        DEFAULTS.put("CIVICAST_STORAGE_DIR", null);
        DEFAULTS.put("CIVICAST_S3_BUCKET", null);
        DEFAULTS.put("CIVICAST_S3_REGION", "us-east-1");
        DEFAULTS.put("CIVICAST_S3_ENDPOINT", null);
        DEFAULTS.put("CIVICAST_S3_PATH_STYLE", "false");
        DEFAULTS.put("CIVICAST_S3_ACCESS_KEY_ID", null);
        DEFAULTS.put("CIVICAST_S3_SECRET_ACCESS_KEY", null);
        DEFAULTS.put("CIVICAST_S3_PREFIX", "");
        DEFAULTS.put("CIVICAST_MEDIA_MMS_MAX_BYTES", "500000");
        DEFAULTS.put("CIVICAST_MEDIA_MAX_SOURCE_BYTES", "20000000");
        DEFAULTS.put("CIVICAST_MEDIA_FETCH_TIMEOUT_SECONDS", "60");
        DEFAULTS.put("CIVICAST_PRICE_SMS_SEGMENT_CENTS", "0.75");
        DEFAULTS.put("CIVICAST_PRICE_MMS_CENTS", "2");
        DEFAULTS.put("CIVICAST_GEOCODER", null);
        DEFAULTS.put("CIVICAST_GEOCODER_URL", null);
        DEFAULTS.put("CIVICAST_METRICS_TOKEN", null);
        DEFAULTS.put("CIVICAST_METRICS_ADDRESS", null);
    }

    /** Variables read by the test suite and bin/civicast, not the server; tolerated so a shell can keep them set. */
    static final List<String> TEST_ONLY = List.of("CIVICAST_TEST_DATABASE_URL", "CIVICAST_JAR");

    public static Config fromEnvironment() {
        return load(System.getenv());
    }

    public static Config load(Map<String, String> environment) {
        Map<String, String> values = new HashMap<>();
        String file = environment.get("CIVICAST_CONFIG_FILE");
        if (file != null && !file.isBlank()) {
            values.putAll(readFile(Path.of(file)));
        }
        environment.forEach((name, value) -> {
            if (name.startsWith("CIVICAST_")) values.put(name, value);
        });
        for (String name : values.keySet()) {
            if (!DEFAULTS.containsKey(name) && !TEST_ONLY.contains(name)) {
                throw new ConfigException(name + " is not a Civicast setting (see docs/configuration.md)");
            }
        }
        return new ConfigReader(values).config();
    }

    private static Map<String, String> readFile(Path path) {
        Properties properties = new Properties();
        try (java.io.Reader reader = Files.newBufferedReader(path)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ConfigException("CIVICAST_CONFIG_FILE: cannot read " + path + ": " + e.getMessage());
        }
        Map<String, String> values = new HashMap<>();
        properties.forEach((k, v) -> values.put(k.toString().trim(), v.toString().trim()));
        for (String name : values.keySet()) {
            if (!DEFAULTS.containsKey(name)) {
                throw new ConfigException(name + " in " + path + " is not a Civicast setting");
            }
        }
        return values;
    }

    /** The configured public base URL, or null when clients reach the server as it listens. */
    public URI publicBaseUrl() {
        return publicBaseUrl;
    }

    public boolean embeddedDatabase() {
        return databaseUrl == null;
    }
}
