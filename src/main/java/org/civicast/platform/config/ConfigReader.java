package org.civicast.platform.config;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.civicast.platform.config.Config.LogFormat;
import org.civicast.platform.config.Config.TlsMode;

/** Turns raw variable values into a checked {@link Config}; every error names its variable. */
final class ConfigReader {
    private final Map<String, String> values;

    ConfigReader(Map<String, String> values) {
        this.values = values;
    }

    Config config() {
        TlsMode tls = tlsMode();
        Path cert = path("CIVICAST_TLS_CERT_FILE");
        Path key = path("CIVICAST_TLS_KEY_FILE");
        if (tls == TlsMode.PEM && (cert == null || key == null)) {
            throw new ConfigException("CIVICAST_TLS=pem needs CIVICAST_TLS_CERT_FILE and CIVICAST_TLS_KEY_FILE");
        }
        if (tls == TlsMode.PKCS12 && cert == null) {
            throw new ConfigException("CIVICAST_TLS=pkcs12 needs CIVICAST_TLS_CERT_FILE (the .p12 file)");
        }
        for (Path file : new Path[] {tls == TlsMode.SELF_SIGNED ? null : cert, tls == TlsMode.PEM ? key : null}) {
            if (file != null && !Files.isReadable(file)) {
                throw new ConfigException("CIVICAST_TLS_CERT_FILE/CIVICAST_TLS_KEY_FILE: cannot read " + file);
            }
        }
        List<Cidr> proxies = proxies();
        if (tls == TlsMode.PROXY && proxies.isEmpty()) {
            throw new ConfigException(
                    "CIVICAST_TLS=proxy needs CIVICAST_TRUSTED_PROXIES: the addresses of the TLS-terminating proxies");
        }
        int port = integer("CIVICAST_PORT", 0, 65535);
        String databaseUrl = blankToNull(get("CIVICAST_DATABASE_URL"));
        if (databaseUrl != null && !databaseUrl.startsWith("jdbc:postgresql:")
                && !databaseUrl.startsWith("postgres://") && !databaseUrl.startsWith("postgresql://")) {
            throw new ConfigException("CIVICAST_DATABASE_URL must be jdbc:postgresql://… or postgres://…, got "
                    + databaseUrl.replaceAll("//[^@/]*@", "//***@"));
        }
        String bootstrap = blankToNull(get("CIVICAST_BOOTSTRAP_API_KEY"));
        if (bootstrap != null && !bootstrap.matches("pc_live_[A-Za-z0-9]{32,128}")) {
            throw new ConfigException(
                    "CIVICAST_BOOTSTRAP_API_KEY must be pc_live_ followed by 32 to 128 letters and digits");
        }
        Path dataDir = Path.of(get("CIVICAST_DATA_DIR")).toAbsolutePath();
        return new Config(
                dataDir,
                get("CIVICAST_BIND_ADDRESS"),
                port,
                databaseUrl,
                blankToNull(get("CIVICAST_DATABASE_USER")),
                blankToNull(get("CIVICAST_DATABASE_PASSWORD")),
                integer("CIVICAST_DATABASE_POOL_SIZE", 2, 500),
                integer("CIVICAST_EMBEDDED_DATABASE_PORT", 0, 65535),
                tls,
                cert,
                key,
                blankToNull(get("CIVICAST_TLS_KEYSTORE_PASSWORD")),
                proxies,
                integer("CIVICAST_RATE_LIMIT_PER_HOUR", 1, Integer.MAX_VALUE),
                Duration.ofHours(integer("CIVICAST_IDEMPOTENCY_TTL_HOURS", 1, 24 * 30)),
                integer("CIVICAST_MAX_BODY_BYTES", 1024, 64 * 1024 * 1024),
                baseUrl(tls, port),
                logFormat(),
                bootstrap,
                secretsKey(),
                previousSecretsKeys(),
                metricsToken(),
                metricsAddress(),
                bootstrapAuthToken(),
                integer("CIVICAST_ADVOCACY_CONCURRENT_REQUESTS", 1, 1000),
                bool("CIVICAST_CONGRESS_LOAD_ON_START"),
                java.util.Arrays.stream(get("CIVICAST_CONGRESS_LEGISLATORS").split(",")).map(String::trim)
                        .filter(s -> !s.isEmpty()).toList(),
                blankToNull(get("CIVICAST_CONGRESS_DISTRICTS")),
                blankToNull(get("CIVICAST_CONGRESS_CONTACT_FORMS")),
                integer("CIVICAST_CONGRESS_REFRESH_SECONDS", 1, 86_400),
                geocoder(),
                geocoderUrl(),
                delivery(),
                jobs(),
                OutboundSettings.parse(list("CIVICAST_OUTBOUND_ALLOWLIST"), bool("CIVICAST_OUTBOUND_ALLOW_HTTP")),
                contacts(),
                gateway(),
                lookup(),
                storage(dataDir),
                MediaSettings.of(integer("CIVICAST_MEDIA_MMS_MAX_BYTES", 10_000, 5_000_000),
                        integer("CIVICAST_MEDIA_MAX_SOURCE_BYTES", 10_000, 100_000_000),
                        Duration.ofSeconds(integer("CIVICAST_MEDIA_FETCH_TIMEOUT_SECONDS", 1, 600))),
                new PricingSettings(PricingSettings.cents("CIVICAST_PRICE_SMS_SEGMENT_CENTS",
                        get("CIVICAST_PRICE_SMS_SEGMENT_CENTS")),
                        PricingSettings.cents("CIVICAST_PRICE_MMS_CENTS", get("CIVICAST_PRICE_MMS_CENTS"))),
                sending(),
                path("CIVICAST_EMBEDDED_DATABASE_BINARIES_DIR"));

    }

    private String get(String name) {
        String value = values.get(name);
        return value != null ? value.trim() : Config.DEFAULTS.get(name);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private Path path(String name) {
        String value = blankToNull(get(name));
        return value == null ? null : Path.of(value).toAbsolutePath();
    }

    private int integer(String name, int min, int max) {
        String value = get(name);
        try {
            long parsed = Long.parseLong(value);
            if (parsed < min || parsed > max) {
                throw new ConfigException(name + " must be between " + min + " and " + max + ", got " + value);
            }
            return (int) parsed;
        } catch (NumberFormatException e) {
            throw new ConfigException(name + " must be a whole number, got '" + value + "'");
        }
    }

    private String geocoder() {
        String geocoder = blankToNull(get("CIVICAST_GEOCODER"));
        if (geocoder != null && !geocoder.equalsIgnoreCase("census")) {
            throw new ConfigException("CIVICAST_GEOCODER must be census or empty, got '" + geocoder + "'");
        }
        return geocoder == null ? null : geocoder.toLowerCase(Locale.ROOT);
    }

    private URI geocoderUrl() {
        URI url = httpsUrl("CIVICAST_GEOCODER_URL");
        if (url != null && geocoder() == null) {
            throw new ConfigException("CIVICAST_GEOCODER_URL needs CIVICAST_GEOCODER=census");
        }
        return url;
    }

    private DeliverySettings delivery() {
        String security = get("CIVICAST_SMTP_SECURITY").toLowerCase(Locale.ROOT);
        if (!List.of("starttls", "tls", "none").contains(security)) {
            throw new ConfigException("CIVICAST_SMTP_SECURITY must be starttls, tls or none, got '" + security + "'");
        }
        URI house = httpsUrl("CIVICAST_CWC_HOUSE_URL");
        if (house != null && blankToNull(get("CIVICAST_CWC_HOUSE_API_KEY")) == null) {
            throw new ConfigException("CIVICAST_CWC_HOUSE_URL needs CIVICAST_CWC_HOUSE_API_KEY");
        }
        URI senate = httpsUrl("CIVICAST_CWC_SENATE_URL");
        if (senate != null && blankToNull(get("CIVICAST_CWC_SENATE_API_KEY")) == null) {
            throw new ConfigException("CIVICAST_CWC_SENATE_URL needs CIVICAST_CWC_SENATE_API_KEY");
        }
        if (blankToNull(get("CIVICAST_SMTP_HOST")) != null && blankToNull(get("CIVICAST_DELIVERY_EMAIL_FROM")) == null) {
            throw new ConfigException("CIVICAST_SMTP_HOST needs CIVICAST_DELIVERY_EMAIL_FROM");
        }
        return new DeliverySettings(
                integer("CIVICAST_JOBS_WORKERS", 0, 64),
                Duration.ofHours(integer("CIVICAST_ADVOCACY_REPEAT_WINDOW_HOURS", 0, 24 * 365)),
                house, blankToNull(get("CIVICAST_CWC_HOUSE_API_KEY")),
                senate, blankToNull(get("CIVICAST_CWC_SENATE_API_KEY")), list("CIVICAST_CWC_SENATE_OFFICES"),
                blankToNull(get("CIVICAST_CWC_DELIVERY_AGENT")), blankToNull(get("CIVICAST_CWC_ACK_EMAIL")),
                blankToNull(get("CIVICAST_CWC_CONTACT_NAME")), blankToNull(get("CIVICAST_CWC_CONTACT_EMAIL")),
                blankToNull(get("CIVICAST_CWC_CONTACT_PHONE")),
                blankToNull(get("CIVICAST_SMTP_HOST")), integer("CIVICAST_SMTP_PORT", 1, 65535), security,
                blankToNull(get("CIVICAST_SMTP_USERNAME")), blankToNull(get("CIVICAST_SMTP_PASSWORD")),
                blankToNull(get("CIVICAST_DELIVERY_EMAIL_FROM")),
                Duration.ofSeconds(integer("CIVICAST_SMTP_TIMEOUT_SECONDS", 1, 600)));
    }

    private SendingSettings sending() {
        String quietHours = get("CIVICAST_QUIET_HOURS");
        try {
            org.civicast.platform.time.QuietHours.parse(quietHours);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("CIVICAST_QUIET_HOURS: " + e.getMessage());
        }
        String pacing = get("CIVICAST_SENDING_PACING").toLowerCase(Locale.ROOT);
        if (!pacing.equals("on") && !pacing.equals("off")) {
            throw new ConfigException("CIVICAST_SENDING_PACING must be on or off, got '" + pacing + "'");
        }
        return new SendingSettings(quietHours, pacing.equals("on"),
                integer("CIVICAST_SENDING_NUMBER_SEGMENTS_PER_SECOND", 0, 10_000),
                Duration.ofHours(integer("CIVICAST_SENDING_EXPIRY_HOURS", 1, 24 * 30)),
                integer("CIVICAST_SENDING_DISPATCHERS", 1, 256));
    }

    private GatewaySettings gateway() {
        String gateway = get("CIVICAST_GATEWAY").toLowerCase(Locale.ROOT);
        if (!gateway.equals("simulator")) {
            throw new ConfigException("CIVICAST_GATEWAY must be simulator (the built-in carrier simulator), got '" + gateway + "'");
        }
        int undeliverable = integer("CIVICAST_SIMULATOR_UNDELIVERABLE_PERCENT", 0, 100);
        List<String> codes = list("CIVICAST_SIMULATOR_ERROR_CODES");
        if (undeliverable > 0 && codes.isEmpty()) {
            throw new ConfigException("CIVICAST_SIMULATOR_ERROR_CODES needs a code when CIVICAST_SIMULATOR_UNDELIVERABLE_PERCENT is above 0");
        }
        return new GatewaySettings(gateway, Duration.ofMillis(integer("CIVICAST_SIMULATOR_LATENCY_MILLIS", 0, 60_000)),
                integer("CIVICAST_SIMULATOR_MESSAGES_PER_SECOND", 0, 1_000_000),
                Duration.ofMillis(integer("CIVICAST_SIMULATOR_RECEIPT_DELAY_MILLIS", 0, 3_600_000)), undeliverable, codes);
    }

    private ContactSettings contacts() {
        List<String> regions = list("CIVICAST_CONTACTS_REGIONS").stream().map(r -> r.toUpperCase(Locale.ROOT)).toList();
        java.util.Set<String> known = com.google.i18n.phonenumbers.PhoneNumberUtil.getInstance().getSupportedRegions();
        for (String region : regions) {
            if (!known.contains(region)) {
                throw new ConfigException("CIVICAST_CONTACTS_REGIONS: '" + region + "' is not a region code such as US or CA");
            }
        }
        if (regions.isEmpty()) throw new ConfigException("CIVICAST_CONTACTS_REGIONS needs at least one region, such as US");
        String max = get("CIVICAST_CONTACTS_MAX_FILE_BYTES");
        long maxBytes;
        try {
            maxBytes = Long.parseLong(max);
        } catch (NumberFormatException e) {
            throw new ConfigException("CIVICAST_CONTACTS_MAX_FILE_BYTES must be a number of bytes, got '" + max + "'");
        }
        if (maxBytes < 1024) throw new ConfigException("CIVICAST_CONTACTS_MAX_FILE_BYTES must be at least 1024");
        return new ContactSettings(regions, maxBytes,
                Duration.ofSeconds(integer("CIVICAST_CONTACTS_FETCH_TIMEOUT_SECONDS", 1, 86_400)));
    }

    /** A provider that needs credentials does not start without them: every lookup would fail. */
    private LookupSettings lookup() {
        String name = get("CIVICAST_LOOKUP_PROVIDER").toLowerCase(Locale.ROOT);
        LookupSettings.Provider provider = switch (name) {
            case "offline" -> LookupSettings.Provider.OFFLINE;
            case "telnyx" -> LookupSettings.Provider.TELNYX;
            case "twilio" -> LookupSettings.Provider.TWILIO;
            default -> throw new ConfigException(
                    "CIVICAST_LOOKUP_PROVIDER must be offline, telnyx or twilio, got '" + name + "'");
        };
        URI url = httpsUrl("CIVICAST_LOOKUP_URL");
        if (url != null && provider == LookupSettings.Provider.OFFLINE) {
            throw new ConfigException("CIVICAST_LOOKUP_URL needs CIVICAST_LOOKUP_PROVIDER=telnyx or twilio");
        }
        String telnyxKey = blankToNull(get("CIVICAST_TELNYX_API_KEY"));
        String twilioSid = blankToNull(get("CIVICAST_TWILIO_ACCOUNT_SID"));
        String twilioToken = blankToNull(get("CIVICAST_TWILIO_AUTH_TOKEN"));
        if (provider == LookupSettings.Provider.TELNYX && telnyxKey == null) {
            throw new ConfigException("CIVICAST_LOOKUP_PROVIDER=telnyx needs CIVICAST_TELNYX_API_KEY");
        }
        if (provider == LookupSettings.Provider.TWILIO && (twilioSid == null || twilioToken == null)) {
            throw new ConfigException("CIVICAST_LOOKUP_PROVIDER=twilio needs "
                    + (twilioSid == null ? "CIVICAST_TWILIO_ACCOUNT_SID" : "CIVICAST_TWILIO_AUTH_TOKEN")
                    + (twilioSid == null && twilioToken == null ? " and CIVICAST_TWILIO_AUTH_TOKEN" : ""));
        }
        return new LookupSettings(provider, url, telnyxKey, twilioSid, twilioToken,
                Duration.ofDays(integer("CIVICAST_LOOKUP_CACHE_DAYS", 0, 3650)),
                integer("CIVICAST_LOOKUP_CONCURRENCY", 1, 64));
    }

    private StorageSettings storage(Path dataDir) {
        Path dir = path("CIVICAST_STORAGE_DIR");
        return StorageSettings.parse(get("CIVICAST_STORAGE"), dir != null ? dir : dataDir.resolve("objects"),
                blankToNull(get("CIVICAST_S3_BUCKET")), get("CIVICAST_S3_REGION"),
                blankToNull(get("CIVICAST_S3_ENDPOINT")), bool("CIVICAST_S3_PATH_STYLE"),
                blankToNull(get("CIVICAST_S3_ACCESS_KEY_ID")), blankToNull(get("CIVICAST_S3_SECRET_ACCESS_KEY")),
                get("CIVICAST_S3_PREFIX"));
    }

    private org.civicast.platform.jobs.JobsConfig jobs() {
        int base = integer("CIVICAST_JOBS_BACKOFF_BASE_SECONDS", 0, 86_400);
        int max = integer("CIVICAST_JOBS_BACKOFF_MAX_SECONDS", 0, 7 * 86_400);
        if (max < base) {
            throw new ConfigException("CIVICAST_JOBS_BACKOFF_MAX_SECONDS must be at least CIVICAST_JOBS_BACKOFF_BASE_SECONDS");
        }
        return new org.civicast.platform.jobs.JobsConfig(
                Duration.ofMillis(integer("CIVICAST_JOBS_POLL_MILLIS", 10, 600_000)),
                Duration.ofSeconds(integer("CIVICAST_JOBS_LEASE_SECONDS", 1, 86_400)),
                integer("CIVICAST_JOBS_MAX_ATTEMPTS", 1, 1000),
                Duration.ofSeconds(base), Duration.ofSeconds(max),
                Duration.ofSeconds(integer("CIVICAST_JOBS_SHUTDOWN_GRACE_SECONDS", 0, 3600)),
                Duration.ofDays(integer("CIVICAST_JOBS_RETENTION_DAYS", 1, 3650)));
    }

    private List<String> list(String name) {
        return java.util.Arrays.stream(get(name).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** An https URL setting (http only for loopback, where test peers and local relays listen), or null. */
    private URI httpsUrl(String name) {
        String value = blankToNull(get(name));
        if (value == null) return null;
        try {
            URI uri = new URI(value);
            boolean loopback = uri.getHost() != null && (uri.getHost().equals("127.0.0.1") || uri.getHost().equals("localhost"));
            if (uri.getHost() == null || !("https".equals(uri.getScheme()) || ("http".equals(uri.getScheme()) && loopback))) {
                throw new ConfigException(name + " must be an https:// URL, got " + value);
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new ConfigException(name + " is not a URL: " + value);
        }
    }

    private boolean bool(String name) {
        String value = get(name).toLowerCase(Locale.ROOT);
        if (!value.equals("true") && !value.equals("false")) {
            throw new ConfigException(name + " must be true or false, got '" + value + "'");
        }
        return value.equals("true");
    }

    private String bootstrapAuthToken() {
        String value = blankToNull(get("CIVICAST_BOOTSTRAP_AUTH_TOKEN"));
        if (value != null && !value.matches("[A-Za-z0-9]{32,128}")) {
            throw new ConfigException("CIVICAST_BOOTSTRAP_AUTH_TOKEN must be 32 to 128 letters and digits");
        }
        return value;
    }

    private byte[] metricsToken() {
        String value = blankToNull(get("CIVICAST_METRICS_TOKEN"));
        if (value == null) return null;
        if (value.length() < 16 || !value.matches("[\\x21-\\x7e]+")) {
            throw new ConfigException("CIVICAST_METRICS_TOKEN must be at least 16 printable characters without spaces");
        }
        return value.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** host:port of the separate metrics listener; a bare port listens on the loopback address. */
    private java.net.InetSocketAddress metricsAddress() {
        String value = blankToNull(get("CIVICAST_METRICS_ADDRESS"));
        if (value == null) return null;
        int colon = value.lastIndexOf(':');
        String host = colon < 0 ? "127.0.0.1" : value.substring(0, colon).replaceAll("^\\[|]$", "");
        String port = colon < 0 ? value : value.substring(colon + 1);
        try {
            int number = Integer.parseInt(port);
            if (number < 0 || number > 65535 || host.isEmpty()) throw new NumberFormatException();
            return new java.net.InetSocketAddress(host, number);
        } catch (NumberFormatException e) {
            throw new ConfigException("CIVICAST_METRICS_ADDRESS must be host:port or a port, got '" + value + "'");
        }
    }

    private TlsMode tlsMode() {
        String value = get("CIVICAST_TLS").toLowerCase(Locale.ROOT);
        return switch (value) {
            case "self-signed" -> TlsMode.SELF_SIGNED;
            case "pem" -> TlsMode.PEM;
            case "pkcs12" -> TlsMode.PKCS12;
            case "proxy" -> TlsMode.PROXY;
            default -> throw new ConfigException(
                    "CIVICAST_TLS must be self-signed, pem, pkcs12 or proxy, got '" + value + "'");
        };
    }

    private LogFormat logFormat() {
        String value = get("CIVICAST_LOG_FORMAT").toLowerCase(Locale.ROOT);
        return switch (value) {
            case "text" -> LogFormat.TEXT;
            case "json" -> LogFormat.JSON;
            default -> throw new ConfigException("CIVICAST_LOG_FORMAT must be text or json, got '" + value + "'");
        };
    }

    private List<Cidr> proxies() {
        List<Cidr> result = new ArrayList<>();
        for (String part : get("CIVICAST_TRUSTED_PROXIES").split(",")) {
            if (part.isBlank()) continue;
            try {
                result.add(Cidr.parse(part.trim()));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("CIVICAST_TRUSTED_PROXIES: " + e.getMessage());
            }
        }
        return List.copyOf(result);
    }

    private URI baseUrl(TlsMode tls, int port) {
        String value = blankToNull(get("CIVICAST_PUBLIC_BASE_URL"));
        if (value == null) {
            return null;
        }
        try {
            URI uri = new URI(value.replaceAll("/+$", ""));
            if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new ConfigException("CIVICAST_PUBLIC_BASE_URL must be an https:// URL, got " + value);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigException("CIVICAST_PUBLIC_BASE_URL is not a URL: " + value);
        }
    }

    private byte[] secretsKey() {
        String text = blankToNull(get("CIVICAST_SECRETS_KEY"));
        Path file = path("CIVICAST_SECRETS_KEY_FILE");
        if (text != null && file != null) {
            throw new ConfigException("CIVICAST_SECRETS_KEY and CIVICAST_SECRETS_KEY_FILE are both set; set one");
        }
        if (file == null) {
            return text == null ? null : aesKey("CIVICAST_SECRETS_KEY", text);
        }
        try {
            return aesKey("CIVICAST_SECRETS_KEY_FILE (" + file + ")", Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConfigException("CIVICAST_SECRETS_KEY_FILE: cannot read " + file + ": " + e);
        }
    }

    private List<byte[]> previousSecretsKeys() {
        String[] parts = get("CIVICAST_SECRETS_PREVIOUS_KEYS").split(",");
        List<byte[]> result = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            if (!parts[i].isBlank()) {
                result.add(aesKey("CIVICAST_SECRETS_PREVIOUS_KEYS (key " + (i + 1) + ")", parts[i]));
            }
        }
        return List.copyOf(result);
    }

    /** A 256-bit key in base64 (standard or URL-safe). The message never repeats the value: it is a key. */
    private static byte[] aesKey(String name, String text) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text.strip().replace('-', '+').replace('_', '/'));
        } catch (IllegalArgumentException e) {
            key = null;
        }
        if (key == null || key.length != 32) {
            throw new ConfigException(name + " must be 32 bytes in base64, such as the output of "
                    + "`openssl rand -base64 32`" + (key == null ? "" : "; it holds " + key.length + " bytes"));
        }
        return key;
    }
}
