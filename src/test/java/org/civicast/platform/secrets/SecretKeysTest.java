package org.civicast.platform.secrets;

import static org.civicast.platform.secrets.SecretBoxTest.randomKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.civicast.platform.config.Config;
import org.civicast.platform.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretKeysTest {
    private static final String CONTEXT = "webhooks.secret:org_01HZZZ0000000000000000000A";

    @TempDir
    Path dataDir;

    private Path keyFile() {
        return dataDir.resolve("secrets.key");
    }

    @Test
    void firstStartCreatesAPrivateKeyFileThatLaterStartsReuse() throws IOException {
        SecretKeys first = SecretKeys.load(dataDir, null, List.of());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile())));
        String content = Files.readString(keyFile(), StandardCharsets.US_ASCII);
        assertTrue(content.endsWith("\n"), content);
        byte[] key = Base64.getDecoder().decode(content.strip());
        assertEquals(32, key.length);
        assertEquals(SecretKeys.idOf(key), first.currentId());
        assertEquals(List.of(keyFile()), files());

        String stored = new SecretBox(first).encrypt("auth-token", CONTEXT);
        SecretKeys second = SecretKeys.load(dataDir, null, List.of());
        assertEquals(first.currentId(), second.currentId());
        assertEquals("auth-token", new SecretBox(second).decrypt(stored, CONTEXT));
        assertEquals(content, Files.readString(keyFile(), StandardCharsets.US_ASCII));
    }

    @Test
    void aMissingDataDirectoryIsCreated() {
        Path nested = dataDir.resolve("not/yet");
        SecretKeys.load(nested, null, List.of());
        assertTrue(Files.isRegularFile(nested.resolve("secrets.key")));
    }

    @Test
    void concurrentFirstStartsShareOneKey() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> ids = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                Callable<String> load = () -> {
                    start.await();
                    return SecretKeys.load(dataDir, null, List.of()).currentId();
                };
                ids.add(pool.submit(load));
            }
            start.countDown();
            Set<String> distinct = ids.stream().map(SecretKeysTest::get).collect(Collectors.toSet());
            assertEquals(1, distinct.size(), distinct.toString());
            assertEquals(List.of(keyFile()), files()); // no temporary files left behind
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void creatingNeverReplacesAKeyThatExists() throws IOException {
        SecretKeys.load(dataDir, null, List.of());
        String content = Files.readString(keyFile());
        SecretKeyFile.create(keyFile());
        assertEquals(content, Files.readString(keyFile()));
        assertEquals(List.of(keyFile()), files());
    }

    @Test
    void aKeyFileOthersCanReadIsRefused() throws IOException {
        SecretKeys.load(dataDir, null, List.of());
        for (String mode : List.of("rw-r-----", "rw----r--", "rw--w----")) {
            Files.setPosixFilePermissions(keyFile(), PosixFilePermissions.fromString(mode));
            String message = assertThrows(ConfigException.class, () -> SecretKeys.load(dataDir, null, List.of()))
                    .getMessage();
            assertTrue(message.contains("CIVICAST_DATA_DIR") && message.contains(keyFile().toString()), message);
            assertTrue(message.contains("chmod 600"), message);
        }
        Files.setPosixFilePermissions(keyFile(), PosixFilePermissions.fromString("r--------"));
        SecretKeys.load(dataDir, null, List.of());
    }

    @Test
    void aMalformedKeyFileIsRefusedAndNotReplaced() throws IOException {
        for (String content : List.of("", "not a key\n", Base64.getEncoder().encodeToString(new byte[16]) + "\n")) {
            Files.deleteIfExists(keyFile());
            Files.createFile(keyFile(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(keyFile(), content);
            String message = assertThrows(ConfigException.class, () -> SecretKeys.load(dataDir, null, List.of()))
                    .getMessage();
            assertTrue(message.contains("CIVICAST_DATA_DIR") && message.contains("does not hold a secrets key"),
                    message);
            assertEquals(content, Files.readString(keyFile()));
        }
    }

    @Test
    void aConfiguredKeyLeavesTheDataDirectoryAlone() throws IOException {
        byte[] key = randomKey();
        byte[] previous = randomKey();
        SecretKeys keys = SecretKeys.load(dataDir, key, List.of(previous));
        assertEquals(SecretKeys.idOf(key), keys.currentId());
        assertEquals(Set.of(SecretKeys.idOf(previous)), keys.previousIds());
        assertEquals(List.of(), files());
    }

    @Test
    void aKeyFileLeftBesideAConfiguredKeyStillDecrypts() {
        SecretBox fromFile = new SecretBox(SecretKeys.load(dataDir, null, List.of()));
        String stored = fromFile.encrypt("smpp-password", CONTEXT);

        SecretBox configured = new SecretBox(SecretKeys.load(dataDir, randomKey(), List.of()));
        assertEquals(Set.of(fromFile.currentKeyId()), configured.keys().previousIds());
        assertEquals("smpp-password", configured.decrypt(stored, CONTEXT));
        assertTrue(configured.needsReencryption(stored));
    }

    @Test
    void loadsFromTheConfiguration() {
        byte[] key = randomKey();
        byte[] previous = randomKey();
        Config config = Config.load(Map.of(
                "CIVICAST_DATA_DIR", dataDir.toString(),
                "CIVICAST_SECRETS_KEY", Base64.getEncoder().encodeToString(key),
                "CIVICAST_SECRETS_PREVIOUS_KEYS", Base64.getEncoder().encodeToString(previous)));
        SecretBox box = SecretBox.load(config);
        assertEquals(SecretKeys.idOf(key), box.currentKeyId());
        assertEquals(Set.of(SecretKeys.idOf(previous)), box.keys().previousIds());
        assertFalse(config.toString().contains(Base64.getEncoder().encodeToString(key)), config.toString());
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> listing = Files.list(dataDir)) {
            return listing.toList();
        }
    }

    private static String get(Future<String> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
