package org.civicast.platform.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.civicast.platform.secrets.SecretDecryptionException.Reason;
import org.junit.jupiter.api.Test;

class SecretBoxTest {
    private static final String TOKEN = "cv|1.0|tcr|10dlc|9957c339-d46f-49f7-a399-d0c1d5f93b0b|GQ3EMZBRG4YTKNRY";
    private static final String CONTEXT = "brands.campaign_verify_token:brand_01HZZZ0000000000000000000A";

    static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private static SecretBox box(byte[] current, byte[]... previous) {
        return new SecretBox(SecretKeys.of(current, List.of(previous)));
    }

    private static Reason failure(SecretBox box, String stored, String context) {
        return assertThrows(SecretDecryptionException.class, () -> box.decrypt(stored, context)).reason();
    }

    @Test
    void roundTrip() {
        SecretBox box = box(randomKey());
        for (String plain : List.of(TOKEN, "", "pässwörd ✓ 🗝", "x".repeat(5000))) {
            String stored = box.encrypt(plain, CONTEXT);
            assertTrue(stored.startsWith("v1." + box.currentKeyId() + "."), stored);
            assertFalse(plain.length() > 0 && stored.contains(plain), stored);
            assertTrue(box.isCiphertext(stored), stored);
            assertFalse(box.needsReencryption(stored));
            assertEquals(plain, box.decrypt(stored, CONTEXT));
        }
    }

    @Test
    void keyIdIsTheStartOfTheKeysSha256() throws Exception {
        byte[] key = randomKey();
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key)).substring(0, 8);
        assertEquals(expected, box(key).currentKeyId());
        assertTrue(box(key).encrypt(TOKEN, CONTEXT).startsWith("v1." + expected + "."));
    }

    @Test
    void everyValueHasItsOwnNonce() {
        SecretBox box = box(randomKey());
        String first = box.encrypt(TOKEN, CONTEXT);
        String second = box.encrypt(TOKEN, CONTEXT);
        assertNotEquals(first, second);
        assertFalse(Arrays.equals(Arrays.copyOf(payload(first), 12), Arrays.copyOf(payload(second), 12)));
        assertEquals(TOKEN, box.decrypt(second, CONTEXT));
    }

    @Test
    void changingAnyByteFails() {
        SecretBox box = box(randomKey());
        String stored = box.encrypt(TOKEN, CONTEXT);
        String header = stored.substring(0, stored.lastIndexOf('.') + 1);
        byte[] payload = payload(stored);
        for (int i = 0; i < payload.length; i++) {
            byte[] altered = payload.clone();
            altered[i] ^= 0x01;
            String tampered = header + Base64.getUrlEncoder().withoutPadding().encodeToString(altered);
            assertEquals(Reason.AUTHENTICATION_FAILED, failure(box, tampered, CONTEXT), "byte " + i);
        }
        assertEquals(Reason.MALFORMED, failure(box, header + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(Arrays.copyOf(payload, 27)), CONTEXT));
        assertEquals(Reason.AUTHENTICATION_FAILED, failure(box, header + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(Arrays.copyOf(payload, payload.length - 1)), CONTEXT));
    }

    @Test
    void changingAnyCharacterFails() {
        SecretBox box = box(randomKey());
        String stored = box.encrypt(TOKEN, CONTEXT);
        for (int i = 0; i < stored.length(); i++) {
            char c = stored.charAt(i);
            char other = c == 'A' ? 'B' : c == '0' ? '1' : c == 'v' ? 'w' : c == '.' ? '_' : 'A';
            String tampered = stored.substring(0, i) + other + stored.substring(i + 1);
            int at = i;
            assertThrows(SecretDecryptionException.class, () -> box.decrypt(tampered, CONTEXT), () -> "char " + at);
        }
    }

    @Test
    void spareBitsInTheLastCharacterAreRefused() {
        SecretBox box = box(randomKey());
        String stored = box.encrypt("abc", CONTEXT); // 31 bytes sealed: the last character carries 4 spare bits
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char last = stored.charAt(stored.length() - 1);
        String altered = stored.substring(0, stored.length() - 1) + alphabet.charAt(alphabet.indexOf(last) | 1);
        assertNotEquals(stored, altered);
        assertEquals(Arrays.toString(payload(stored)), Arrays.toString(payload(altered)));
        assertEquals(Reason.MALFORMED, failure(box, altered, CONTEXT));
    }

    @Test
    void anotherContextFails() {
        SecretBox box = box(randomKey());
        String stored = box.encrypt(TOKEN, CONTEXT);
        assertEquals(Reason.AUTHENTICATION_FAILED,
                failure(box, stored, "brands.campaign_verify_token:brand_01HZZZ0000000000000000000B"));
        assertEquals(Reason.AUTHENTICATION_FAILED,
                failure(box, stored, "webhooks.secret:brand_01HZZZ0000000000000000000A"));
        assertEquals(TOKEN, box.decrypt(stored, CONTEXT));
    }

    @Test
    void aValueRelabelledForAnotherKeyFails() {
        String stored = box(randomKey()).encrypt(TOKEN, CONTEXT);
        SecretBox other = box(randomKey());
        String forged = "v1." + other.currentKeyId() + stored.substring(stored.lastIndexOf('.'));
        assertEquals(Reason.AUTHENTICATION_FAILED, failure(other, forged, CONTEXT));
    }

    @Test
    void previousKeysDecryptAfterRotation() {
        byte[] oldKey = randomKey();
        byte[] newKey = randomKey();
        SecretBox before = box(oldKey);
        String stored = before.encrypt(TOKEN, CONTEXT);

        SecretBox after = box(newKey, oldKey);
        assertEquals(TOKEN, after.decrypt(stored, CONTEXT));
        assertTrue(after.needsReencryption(stored));
        assertEquals(List.of(before.currentKeyId()), List.copyOf(after.keys().previousIds()));

        String reencrypted = after.encrypt(after.decrypt(stored, CONTEXT), CONTEXT);
        assertFalse(after.needsReencryption(reencrypted));
        assertTrue(reencrypted.startsWith("v1." + after.currentKeyId() + "."));
        assertEquals(TOKEN, box(newKey).decrypt(reencrypted, CONTEXT));
    }

    @Test
    void unknownKeyFailsNamingItsIdButNoSecret() {
        byte[] oldKey = randomKey();
        SecretBox before = box(oldKey);
        String stored = before.encrypt(TOKEN, CONTEXT);
        SecretBox after = box(randomKey());

        SecretDecryptionException e =
                assertThrows(SecretDecryptionException.class, () -> after.decrypt(stored, CONTEXT));
        assertEquals(Reason.UNKNOWN_KEY, e.reason());
        assertEquals(before.currentKeyId(), e.keyId());
        assertTrue(e.getMessage().contains(before.currentKeyId()), e.getMessage());
        assertTrue(e.getMessage().contains(CONTEXT), e.getMessage());
        assertFalse(e.getMessage().contains(TOKEN));
        assertFalse(e.getMessage().contains(stored.substring(12)));
        assertFalse(e.getMessage().contains(Base64.getEncoder().encodeToString(oldKey)));
        assertTrue(after.needsReencryption(stored));
    }

    @Test
    void plainValuesAreRecognisedAndNeverEchoed() {
        SecretBox box = box(randomKey());
        for (String plain : List.of(TOKEN, "", "v1.", "v1.0123abcd.short", "v2.0123abcd." + "A".repeat(40),
                "v1.0123ABCD." + "A".repeat(40), "v1.0123abcd." + "A".repeat(40) + "=")) {
            assertFalse(box.isCiphertext(plain), plain);
            SecretDecryptionException e =
                    assertThrows(SecretDecryptionException.class, () -> box.decrypt(plain, CONTEXT));
            assertEquals(Reason.MALFORMED, e.reason());
            assertFalse(plain.length() > 8 && e.getMessage().contains(plain), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> box.needsReencryption(plain));
        }
        assertFalse(box.isCiphertext(null));
        assertTrue(box.isCiphertext("v1.0123abcd." + "A".repeat(38)));
    }

    @Test
    void aContextIsRequired() {
        SecretBox box = box(randomKey());
        assertThrows(IllegalArgumentException.class, () -> box.encrypt(TOKEN, " "));
        assertThrows(IllegalArgumentException.class, () -> box.decrypt(box.encrypt(TOKEN, CONTEXT), null));
    }

    @Test
    void toStringShowsKeyIdsOnly() {
        byte[] current = randomKey();
        byte[] previous = randomKey();
        SecretBox box = box(current, previous);
        String text = box.toString();
        assertTrue(text.contains(box.currentKeyId()), text);
        assertTrue(text.contains(SecretKeys.idOf(previous)), text);
        for (byte[] key : List.of(current, previous)) {
            assertFalse(text.contains(Base64.getEncoder().encodeToString(key).substring(0, 12)), text);
            assertFalse(text.contains(HexFormat.of().formatHex(key).substring(0, 12)), text);
        }
    }

    @Test
    void keysMustBe256Bits() {
        assertThrows(IllegalArgumentException.class, () -> SecretKeys.of(new byte[16], List.of()));
        assertThrows(IllegalArgumentException.class, () -> SecretKeys.of(randomKey(), List.of(new byte[31])));
    }

    private static byte[] payload(String stored) {
        return Base64.getUrlDecoder().decode(stored.substring(stored.lastIndexOf('.') + 1));
    }
}
