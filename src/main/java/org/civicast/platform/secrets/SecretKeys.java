package org.civicast.platform.secrets;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The 256-bit keys of {@link SecretBox}: the current key, which encrypts, and previous keys, which
 * only decrypt, so that values written before a rotation stay readable until they are re-encrypted.
 *
 * <p>A key is known by its id, the first 8 hex digits of the SHA-256 of its bytes. The id is stored
 * with every value so decryption can pick the key; it reveals nothing useful about the key, and an
 * operator can compute it by hand ({@code echo KEY | base64 -d | sha256sum | cut -c1-8}).
 */
public final class SecretKeys {
    private static final Logger log = LoggerFactory.getLogger(SecretKeys.class);

    static final int KEY_BYTES = 32;

    private final String currentId;
    private final Map<String, SecretKey> byId;

    private SecretKeys(String currentId, Map<String, SecretKey> byId) {
        this.currentId = currentId;
        this.byId = byId;
    }

    /**
     * The keys of a server: {@code key} (CIVICAST_SECRETS_KEY or _KEY_FILE) when set, otherwise
     * {@code DATA_DIR/secrets.key}, generated on first start; plus the previous keys. A key file
     * left in the data directory beside a configured key is accepted for decryption as well, so
     * that switching to the setting never strands what the file's key encrypted.
     */
    public static SecretKeys load(Path dataDir, byte[] key, List<byte[]> previousKeys) {
        Path file = SecretKeyFile.path(dataDir);
        SecretKeys keys;
        if (key == null) {
            keys = of(SecretKeyFile.readOrCreate(dataDir), previousKeys);
            log.info("Secrets at rest are encrypted with key {} from {}", keys.currentId, file);
        } else {
            List<byte[]> accepted = new ArrayList<>(previousKeys);
            Optional<byte[]> fromFile = SecretKeyFile.read(file);
            fromFile.ifPresent(accepted::add);
            keys = of(key, accepted);
            log.info("Secrets at rest are encrypted with key {} from the settings", keys.currentId);
            if (fromFile.isPresent() && !Arrays.equals(fromFile.get(), key)) {
                log.warn("{} holds key {}, which is not the configured key; values encrypted with it can still be"
                        + " read. Delete the file once they have been re-encrypted", file, idOf(fromFile.get()));
            }
        }
        if (!keys.previousIds().isEmpty()) {
            log.info("Previous secrets keys still accepted for decryption: {}", keys.previousIds());
        }
        return keys;
    }

    /** Keys given directly; a previous key equal to the current one is ignored. */
    public static SecretKeys of(byte[] current, List<byte[]> previousKeys) {
        Map<String, SecretKey> byId = new LinkedHashMap<>();
        String currentId = add(byId, current);
        for (byte[] previous : previousKeys) {
            add(byId, previous);
        }
        return new SecretKeys(currentId, byId);
    }

    private static String add(Map<String, SecretKey> byId, byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("a secrets key has " + KEY_BYTES + " bytes, not " + key.length);
        }
        String id = idOf(key);
        SecretKey spec = new SecretKeySpec(key, "AES");
        SecretKey known = byId.putIfAbsent(id, spec);
        if (known != null && !MessageDigest.isEqual(known.getEncoded(), key)) {
            // 1 in 2^32 for random keys: worth a refusal, not a scheme to tell them apart.
            throw new IllegalArgumentException("two different secrets keys share the id " + id
                    + "; generate a new key");
        }
        return id;
    }

    /** The id under which a key's values are stored. */
    public static String idOf(byte[] key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    public String currentId() {
        return currentId;
    }

    /** Ids of the keys accepted for decryption only. */
    public Set<String> previousIds() {
        Set<String> ids = new LinkedHashSet<>(byId.keySet());
        ids.remove(currentId);
        return ids;
    }

    SecretKey current() {
        return byId.get(currentId);
    }

    /** The key with this id, or null. */
    SecretKey find(String id) {
        return byId.get(id);
    }

    @Override
    public String toString() {
        return "SecretKeys[current=" + currentId + ", previous=" + previousIds() + "]";
    }
}
