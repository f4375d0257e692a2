package org.civicast.platform.secrets;

/**
 * A stored secret that cannot be decrypted. The message names the key id and the context but never
 * the stored value, its plaintext or a key, because it may well end up in a log.
 */
public final class SecretDecryptionException extends RuntimeException {

    /** Why decryption failed. */
    public enum Reason {
        /** Not in the stored format at all, such as a value written before encryption existed. */
        MALFORMED,
        /** Encrypted with a key that is neither the current key nor a previous one. */
        UNKNOWN_KEY,
        /** The key is known but the value does not authenticate: altered, or stored for another context. */
        AUTHENTICATION_FAILED
    }

    private final Reason reason;
    private final String keyId;

    SecretDecryptionException(Reason reason, String keyId, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.keyId = keyId;
    }

    public Reason reason() {
        return reason;
    }

    /** The id of the key the value names, or null when the value is malformed. */
    public String keyId() {
        return keyId;
    }
}
