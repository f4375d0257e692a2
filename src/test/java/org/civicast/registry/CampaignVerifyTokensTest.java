package org.civicast.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.civicast.platform.secrets.SecretBox;
import org.civicast.platform.secrets.SecretKeys;
import org.civicast.testing.ApiClient;
import org.civicast.testing.TestDatabases;
import org.civicast.testing.TestServer;
import org.junit.jupiter.api.Test;

/** A Campaign Verify token is stored encrypted, shown as a hint, and sealed or re-sealed at start. */
class CampaignVerifyTokensTest {
    static final String TOKEN = "cv|1.0|tcr|10dlc|9957c339-d46f-49f7-a399-2d2d3a2b1e5d|0123456789abcdef";
    static final byte[] OLD_KEY = key(1);
    static final byte[] NEW_KEY = key(2);

    private static byte[] key(int seed) {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) seed);
        return key;
    }

    private static Map<String, String> withKey(byte[] current, byte[]... previous) {
        Map<String, String> settings = new HashMap<>();
        settings.put("CIVICAST_SECRETS_KEY", Base64.getEncoder().encodeToString(current));
        if (previous.length > 0) {
            settings.put("CIVICAST_SECRETS_PREVIOUS_KEYS", Base64.getEncoder().encodeToString(previous[0]));
        }
        return settings;
    }

    private static String[] stored(String databaseUrl, String brandId) throws Exception {
        try (Connection c = DriverManager.getConnection(databaseUrl);
             PreparedStatement s = c.prepareStatement(
                     "SELECT campaign_verify_token, campaign_verify_token_hint FROM brands WHERE id = ?")) {
            s.setString(1, brandId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new String[] {rs.getString(1), rs.getString(2)};
            }
        }
    }

    private static String context(String brandId) {
        return "brands.campaign_verify_token:" + brandId;
    }

    @Test
    void theTokenIsEncryptedBoundToItsBrandAndShownOnlyAsAHint() throws Exception {
        String url = TestDatabases.fresh();
        try (TestServer server = TestServer.startOn(url, withKey(NEW_KEY, OLD_KEY), Clock.systemUTC())) {
            ApiClient root = server.root();
            ApiClient.Response created = root.post("/v1/brands", Map.of("brand_name", "Committee", "campaign_verify_token", TOKEN));
            String id = created.data().get("id").asText();
            assertEquals("cv|1.0…", created.data().get("campaign_verify_token").asText());
            String[] row = stored(url, id);
            SecretBox box = new SecretBox(SecretKeys.of(NEW_KEY, List.of()));
            assertTrue(box.isCiphertext(row[0]), "stored encrypted: " + row[0]);
            assertFalse(row[0].contains("9957c339"));
            assertEquals(TOKEN, box.decrypt(row[0], context(id)));
            assertEquals("cv|1.0…", row[1]);

            assertEquals(200, root.patch("/v1/brands/" + id, Map.of("notes", "renamed")).status());
            assertEquals(row[0], stored(url, id)[0], "another field's change leaves the token as it was");
            assertEquals("cv|1.0…", root.get("/v1/brands").data().get(0).get("campaign_verify_token").asText());

            Map<String, Object> clear = new HashMap<>();
            clear.put("campaign_verify_token", null);
            assertTrue(root.patch("/v1/brands/" + id, clear).data().get("campaign_verify_token").isNull());
            assertNull(stored(url, id)[0]);
            assertNull(stored(url, id)[1]);
        }
    }

    @Test
    void startUpEncryptsPlainTokensAndReencryptsThoseUnderAPreviousKey() throws Exception {
        String url = TestDatabases.fresh();
        String plainId;
        String oldId;
        String rootKey;
        try (TestServer first = TestServer.startOn(url, withKey(OLD_KEY), Clock.systemUTC())) {
            rootKey = first.rootKey();
            plainId = TestServer.idOf(first.root().post("/v1/brands", Map.of("brand_name", "Old version")));
            oldId = TestServer.idOf(first.root().post("/v1/brands",
                    Map.of("brand_name", "Old key", "campaign_verify_token", TOKEN)));
        }
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement s = c.prepareStatement("UPDATE brands SET campaign_verify_token = ? WHERE id = ?")) {
            s.setString(1, TOKEN); // as a version from before encryption left it
            s.setString(2, plainId);
            s.executeUpdate();
        }
        assertTrue(new SecretBox(SecretKeys.of(OLD_KEY, List.of())).isCiphertext(stored(url, oldId)[0]));

        Map<String, String> rotated = withKey(NEW_KEY, OLD_KEY);
        rotated.put("CIVICAST_BOOTSTRAP_API_KEY", rootKey);
        try (TestServer second = TestServer.startOn(url, rotated, Clock.systemUTC())) {
            SecretBox onlyNew = new SecretBox(SecretKeys.of(NEW_KEY, List.of()));
            for (String id : List.of(plainId, oldId)) {
                String[] row = stored(url, id);
                assertEquals(TOKEN, onlyNew.decrypt(row[0], context(id)), "readable with the new key alone");
                assertEquals("cv|1.0…", row[1]);
            }
            assertEquals("cv|1.0…", second.root().get("/v1/brands").data().get(0).get("campaign_verify_token").asText());
        }
    }
}
