package org.civicast.platform.secrets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import org.civicast.platform.config.Config;
import org.civicast.platform.secrets.SecretDecryptionException.Reason;

/**
 * Encrypts credentials for a text column and decrypts them: AES-256-GCM with a fresh random 96-bit
 * nonce per value, stored as {@code v1.<key id>.<base64url(nonce ‖ ciphertext ‖ tag)>}.
 *
 * <p>The caller names where the value lives, such as {@code "brands.campaign_verify_token:brand_01H…"},
 * and that context is authenticated along with the version and key id (GCM's associated data), so a
 * value copied to another row or column does not decrypt. Random nonces stay safe for some 2^32
 * values per key, far more than a deployment stores between rotations.
 *
 * <p>Values are always encrypted with the current key and decrypted with whichever key they name.
 */
public final class SecretBox {
    private static final String VERSION = "v1";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BYTES = 16;
    /** 38 characters of base64 are the 28 bytes of a nonce and tag around an empty value. */
    private static final Pattern STORED = Pattern.compile("v1\\.([0-9a-f]{8})\\.([A-Za-z0-9_-]{38,})");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeys keys;

    public SecretBox(SecretKeys keys) {
        this.keys = Objects.requireNonNull(keys);
    }

    /** The server's box: see {@link SecretKeys#load} for where the keys come from. */
    public static SecretBox load(Config config) {
        return new SecretBox(SecretKeys.load(config.dataDir(), config.secretsKey(), config.secretsPreviousKeys()));
    }

    public String encrypt(String plaintext, String context) {
        requireContext(context);
        byte[] input = Objects.requireNonNull(plaintext, "plaintext").getBytes(StandardCharsets.UTF_8);
        String header = VERSION + "." + keys.currentId() + ".";
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] sealed = new byte[NONCE_BYTES + input.length + TAG_BYTES];
        System.arraycopy(nonce, 0, sealed, 0, NONCE_BYTES);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keys.current(), nonce, header, context);
            cipher.doFinal(input, 0, input.length, sealed, NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
        return header + ENCODER.encodeToString(sealed);
    }

    /** The plaintext of a value from {@link #encrypt} with the same context. */
    public String decrypt(String stored, String context) {
        requireContext(context);
        Matcher parts = stored == null ? null : STORED.matcher(stored);
        if (parts == null || !parts.matches()) {
            throw failure(Reason.MALFORMED, null, context, "it is not an encrypted value (v1.<key id>.<data>)", null);
        }
        String keyId = parts.group(1);
        SecretKey key = keys.find(keyId);
        if (key == null) {
            throw failure(Reason.UNKNOWN_KEY, keyId, context, "key " + keyId + " is not configured (current key "
                    + keys.currentId() + "); give it in CIVICAST_SECRETS_PREVIOUS_KEYS", null);
        }
        byte[] sealed = decode(parts.group(2));
        if (sealed == null) {
            throw failure(Reason.MALFORMED, keyId, context, "its data is not canonical base64url", null);
        }
        String header = VERSION + "." + keyId + ".";
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, Arrays.copyOf(sealed, NONCE_BYTES), header, context);
            return new String(cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES),
                    StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw failure(Reason.AUTHENTICATION_FAILED, keyId, context,
                    "it does not authenticate with key " + keyId + ": it was altered or stored for another context", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed", e);
        }
    }

    /**
     * Whether value is in the stored format, as opposed to a plain value written before encryption
     * existed (which a start-up pass then encrypts). It says nothing of whether it will decrypt.
     */
    public boolean isCiphertext(String value) {
        return value != null && STORED.matcher(value).matches();
    }

    /**
     * Whether a stored value names a key other than the current one, and so should be decrypted and
     * encrypted again. A value that is not {@linkplain #isCiphertext ciphertext} is refused: it needs
     * encrypting, not re-encrypting.
     */
    public boolean needsReencryption(String stored) {
        Matcher parts = stored == null ? null : STORED.matcher(stored);
        if (parts == null || !parts.matches()) {
            throw new IllegalArgumentException("not an encrypted value; encrypt it instead");
        }
        return !parts.group(1).equals(keys.currentId());
    }

    /** The id of the key new values are encrypted with. */
    public String currentKeyId() {
        return keys.currentId();
    }

    public SecretKeys keys() {
        return keys;
    }

    @Override
    public String toString() {
        return "SecretBox[" + keys + "]";
    }

    private static Cipher cipher(int mode, SecretKey key, byte[] nonce, String header, String context)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
        cipher.updateAAD((header + context).getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private static void requireContext(String context) {
        if (context == null || context.isBlank()) {
            throw new IllegalArgumentException("a secret needs the context it is stored in");
        }
    }

    /** The bytes of text, or null unless text is exactly how they encode (no stray trailing bits). */
    private static byte[] decode(String text) {
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(text);
            return bytes.length >= NONCE_BYTES + TAG_BYTES && ENCODER.encodeToString(bytes).equals(text) ? bytes : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static SecretDecryptionException failure(Reason reason, String keyId, String context, String why,
            Throwable cause) {
        return new SecretDecryptionException(reason, keyId, "cannot decrypt the secret for " + context + ": " + why,
                cause);
    }
}
