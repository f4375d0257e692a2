package org.civicast.platform.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {

    private static String failure(Map<String, String> env) {
        return assertThrows(ConfigException.class, () -> Config.load(env)).getMessage();
    }

    @Test
    void defaults() {
        Config c = Config.load(Map.of());
        assertEquals(8443, c.port());
        assertEquals(100, c.rateLimitPerHour());
        assertEquals(Duration.ofHours(24), c.idempotencyTtl());
        assertEquals(Config.TlsMode.SELF_SIGNED, c.tlsMode());
        assertTrue(c.embeddedDatabase());
        assertNull(c.publicBaseUrl());
        assertTrue(c.dataDir().isAbsolute());
        assertNull(c.secretsKey());
        assertTrue(c.secretsPreviousKeys().isEmpty());
        assertNull(c.embeddedDatabaseBinariesDir(), "the programs go to the data directory's pg-binaries");
    }

    @Test
    void theEmbeddedDatabaseProgramsCanBeMoved() {
        Config c = Config.load(Map.of("CIVICAST_EMBEDDED_DATABASE_BINARIES_DIR", "pg-programs"));
        assertEquals(Path.of("pg-programs").toAbsolutePath(), c.embeddedDatabaseBinariesDir());
    }

    @Test
    void unknownVariableIsNamed() {
        assertTrue(failure(Map.of("CIVICAST_DATABSE_URL", "x")).contains("CIVICAST_DATABSE_URL"));
    }

    @Test
    void malformedValuesAreNamed() {
        assertTrue(failure(Map.of("CIVICAST_PORT", "eighty")).contains("CIVICAST_PORT"));
        assertTrue(failure(Map.of("CIVICAST_PORT", "70000")).contains("CIVICAST_PORT"));
        assertTrue(failure(Map.of("CIVICAST_RATE_LIMIT_PER_HOUR", "0")).contains("CIVICAST_RATE_LIMIT_PER_HOUR"));
        assertTrue(failure(Map.of("CIVICAST_LOG_FORMAT", "xml")).contains("CIVICAST_LOG_FORMAT"));
        assertTrue(failure(Map.of("CIVICAST_TLS", "none")).contains("CIVICAST_TLS"));
        assertTrue(failure(Map.of("CIVICAST_DATABASE_URL", "mysql://x")).contains("CIVICAST_DATABASE_URL"));
        assertTrue(failure(Map.of("CIVICAST_BOOTSTRAP_API_KEY", "pc_live_short")).contains("CIVICAST_BOOTSTRAP_API_KEY"));
        assertTrue(failure(Map.of("CIVICAST_PUBLIC_BASE_URL", "http://x.org")).contains("CIVICAST_PUBLIC_BASE_URL"));
        assertTrue(failure(Map.of("CIVICAST_TRUSTED_PROXIES", "10.0.0.0/99")).contains("CIVICAST_TRUSTED_PROXIES"));
    }

    @Test
    void proxyModeNeedsTrustedProxiesAndPemNeedsFiles() {
        assertTrue(failure(Map.of("CIVICAST_TLS", "proxy")).contains("CIVICAST_TRUSTED_PROXIES"));
        Config proxied = Config.load(Map.of("CIVICAST_TLS", "proxy", "CIVICAST_TRUSTED_PROXIES", "10.0.0.0/8, ::1"));
        assertEquals(2, proxied.trustedProxies().size());
        assertTrue(proxied.trustedProxies().get(0).contains("10.1.2.3"));
        assertTrue(failure(Map.of("CIVICAST_TLS", "pem")).contains("CIVICAST_TLS_CERT_FILE"));
    }

    @Test
    void theOutboundAllowlistTakesHostsAndBlocks() {
        Config plain = Config.load(Map.of());
        assertTrue(plain.outbound().policy().requireHttps());
        assertTrue(plain.outbound().allowedHosts().isEmpty() && plain.outbound().allowedNetworks().isEmpty());
        Config c = Config.load(Map.of("CIVICAST_OUTBOUND_ALLOWLIST", "files.corp.example, 10.20.0.0/16,127.0.0.1,::1",
                "CIVICAST_OUTBOUND_ALLOW_HTTP", "true"));
        assertEquals(java.util.Set.of("files.corp.example"), c.outbound().allowedHosts());
        assertEquals(3, c.outbound().allowedNetworks().size());
        assertTrue(c.outbound().allowedNetworks().getFirst().contains("10.20.255.1"));
        assertTrue(!c.outbound().policy().requireHttps());
        assertTrue(failure(Map.of("CIVICAST_OUTBOUND_ALLOWLIST", "10.0.0.0/40")).contains("CIVICAST_OUTBOUND_ALLOWLIST"));
        assertTrue(failure(Map.of("CIVICAST_OUTBOUND_ALLOWLIST", "http://x/")).contains("CIVICAST_OUTBOUND_ALLOWLIST"));
        assertTrue(failure(Map.of("CIVICAST_OUTBOUND_ALLOW_HTTP", "yes")).contains("CIVICAST_OUTBOUND_ALLOW_HTTP"));
    }

    @Test
    void postgresUrlsAreAccepted() {
        assertEquals("postgres://u:p@db:5432/civicast",
                Config.load(Map.of("CIVICAST_DATABASE_URL", "postgres://u:p@db:5432/civicast")).databaseUrl());
    }

    @Test
    void fileSettingsApplyAndEnvironmentWins(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("civicast.properties");
        Files.writeString(file, "CIVICAST_PORT=9443\nCIVICAST_RATE_LIMIT_PER_HOUR=600\n");
        Map<String, String> env = new HashMap<>();
        env.put("CIVICAST_CONFIG_FILE", file.toString());
        env.put("CIVICAST_RATE_LIMIT_PER_HOUR", "700");
        Config c = Config.load(env);
        assertEquals(9443, c.port());
        assertEquals(700, c.rateLimitPerHour());

        Files.writeString(file, "CIVICAST_PROT=9443\n");
        assertTrue(failure(Map.of("CIVICAST_CONFIG_FILE", file.toString())).contains("CIVICAST_PROT"));
        assertTrue(failure(Map.of("CIVICAST_CONFIG_FILE", dir.resolve("missing").toString()))
                .contains("CIVICAST_CONFIG_FILE"));
    }

    @Test
    void otherEnvironmentVariablesAreIgnored() {
        assertEquals(8443, Config.load(Map.of("PATH", "/bin", "HOME", "/root")).port());
    }

    @Test
    void secretsKeysAreDecoded(@TempDir Path dir) throws IOException {
        byte[] current = key(1);
        byte[] previous = key(2);
        Config c = Config.load(Map.of(
                "CIVICAST_SECRETS_KEY", Base64.getEncoder().encodeToString(current),
                "CIVICAST_SECRETS_PREVIOUS_KEYS", " " + Base64.getUrlEncoder().encodeToString(previous) + " ,"));
        assertArrayEquals(current, c.secretsKey());
        assertEquals(1, c.secretsPreviousKeys().size());
        assertArrayEquals(previous, c.secretsPreviousKeys().get(0));

        Path file = dir.resolve("mounted-secret");
        Files.writeString(file, Base64.getEncoder().encodeToString(current) + "\n");
        assertArrayEquals(current, Config.load(Map.of("CIVICAST_SECRETS_KEY_FILE", file.toString())).secretsKey());
    }

    @Test
    void malformedSecretsKeysAreNamedButNotRepeated(@TempDir Path dir) throws IOException {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        String message = failure(Map.of("CIVICAST_SECRETS_KEY", shortKey));
        assertTrue(message.contains("CIVICAST_SECRETS_KEY"), message);
        assertTrue(message.contains("16 bytes"), message);
        assertFalse(message.contains(shortKey), message);
        assertTrue(failure(Map.of("CIVICAST_SECRETS_KEY", "not base64!")).contains("CIVICAST_SECRETS_KEY"));

        String good = Base64.getEncoder().encodeToString(key(3));
        message = failure(Map.of("CIVICAST_SECRETS_PREVIOUS_KEYS", good + ",AAAA"));
        assertTrue(message.contains("CIVICAST_SECRETS_PREVIOUS_KEYS (key 2)"), message);
        assertFalse(message.contains(good), message);

        Path file = dir.resolve("mounted-secret");
        assertTrue(failure(Map.of("CIVICAST_SECRETS_KEY_FILE", file.toString())).contains("CIVICAST_SECRETS_KEY_FILE"));
        Files.writeString(file, "");
        assertTrue(failure(Map.of("CIVICAST_SECRETS_KEY_FILE", file.toString())).contains("CIVICAST_SECRETS_KEY_FILE"));
        Files.writeString(file, good);
        assertTrue(failure(Map.of("CIVICAST_SECRETS_KEY_FILE", file.toString(), "CIVICAST_SECRETS_KEY", good))
                .contains("both set"));
    }

    private static byte[] key(int fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) fill);
        return key;
    }
}
