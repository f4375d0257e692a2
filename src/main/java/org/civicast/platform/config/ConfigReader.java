package org.civicast.platform.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
        return new Config(
                Path.of(get("CIVICAST_DATA_DIR")).toAbsolutePath(),
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
}
