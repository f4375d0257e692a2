package org.civicast.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The secrets of API keys and Auth Tokens: 40 random letters and digits (about 238 bits), kept
 * only as a SHA-256. With that much randomness a fast hash is as safe as a slow one, and it lets
 * every request find its credential with one index lookup.
 */
final class CredentialSecrets {
    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    static String generate(String prefix) {
        StringBuilder secret = new StringBuilder(prefix);
        for (int i = 0; i < 40; i++) secret.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        return secret.toString();
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private CredentialSecrets() {}
}
