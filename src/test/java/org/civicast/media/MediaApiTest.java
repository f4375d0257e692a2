package org.civicast.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.civicast.testing.ApiClient;
import org.civicast.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The /v1/media endpoints as clients use them: who may import for which organization and brand,
 * lists and reads within the key's subtree, the public URL carriers fetch, and deleting (refused
 * while a project uses the file, through the port a projects feature registers).
 */
class MediaApiTest {
    static TestServer server;
    static SourceServer source;
    static ApiClient root;
    static ApiClient eastKey;
    static String east;
    static String eastMetro;
    static String west;
    static String eastBrand;
    static String westBrand;
    static byte[] photo = MediaSamples.jpeg(400, 300);

    @BeforeAll
    static void start() throws IOException {
        source = SourceServer.start();
        source.serve("/files/photo.jpeg", "image/jpeg", photo);
        server = TestServer.start(Imports.settings(Map.of()), Clock.systemUTC());
        root = server.root();
        String rootOrg = server.rootOrganizationId();
        east = server.createOrganization(rootOrg, "East");
        eastMetro = server.createOrganization(east, "East Metro");
        west = server.createOrganization(rootOrg, "West");
        eastKey = server.client(server.createKey(east, "read", "write"));
        eastBrand = TestServer.idOf(eastKey.post("/v1/brands", Map.of("brand_name", "East for Congress")));
        westBrand = TestServer.idOf(root.post("/v1/brands", Map.of("brand_name", "West PAC", "organization_id", west)));
    }

    @AfterAll
    static void stop() {
        server.close();
        source.close();
    }

    static String photoUrl() {
        return source.url("/files/photo.jpeg");
    }

    @Test
    void importAnswers202AndTheFileBecomesReadyWithAPermanentUrl() {
        ApiClient.Response accepted = eastKey.post("/v1/media", Map.of("source_url", photoUrl(), "name", "Spring hero",
                "brand_id", eastBrand));
        assertEquals(202, accepted.status(), accepted.toString());
        JsonNode a = accepted.data();
        assertEquals(List.of("media_id", "status", "uploaded_via_api", "file_size_bytes", "name"), fields(a));
        assertTrue(a.get("media_id").asText().startsWith("med_"));
        assertEquals("optimizing", a.get("status").asText());
        assertTrue(a.get("uploaded_via_api").asBoolean());
        assertEquals("Spring hero", a.get("name").asText());

        JsonNode d = Imports.settled(eastKey, a.get("media_id").asText());
        assertEquals("ready", d.get("status").asText(), d.toString());
        assertEquals(east, d.get("organization_id").asText());
        assertEquals(eastBrand, d.get("brand_id").asText());
        assertEquals("mms", d.get("usage").asText());
        assertEquals(photo.length, d.get("file_size_bytes").asLong());
        String url = d.get("url").asText();
        assertTrue(url.matches("https://localhost:" + server.port() + "/media/[0-9a-f]{32}/spring-hero\\.jpg"), url);
        assertTrue(d.get("storage_key").asText().endsWith("/spring-hero.jpg"));
        assertEquals(url, eastKey.get("/v1/media/" + a.get("media_id").asText()).data().get("url").asText(),
                "the URL does not change from one read to the next");

        JsonNode listed = find(eastKey.get("/v1/media").data(), a.get("media_id").asText());
        assertEquals("East for Congress", listed.get("brand_name").asText());
        assertEquals(east, listed.get("org_id").asText());
        assertEquals("East", listed.get("org_name").asText());
        assertEquals(url, listed.get("url").asText());
        assertEquals("image/jpeg", listed.get("content_type").asText());
    }

    @Test
    void theNameDefaultsToTheUrlsFileNameAndTheOrganizationToTheKeysOrTheBrands() {
        JsonNode own = Imports.settled(eastKey, Imports.start(eastKey, Map.of("source_url", photoUrl())));
        assertEquals("photo.jpeg", own.get("name").asText());
        assertEquals(east, own.get("organization_id").asText());
        assertTrue(own.get("brand_id").isNull());
        JsonNode branded = Imports.settled(root, Imports.start(root, Map.of("source_url", photoUrl(), "brand_id", westBrand)));
        assertEquals(west, branded.get("organization_id").asText(), "a brand's file lives in the brand's organization");
        JsonNode child = Imports.settled(eastKey, Imports.start(eastKey, Map.of("source_url", photoUrl(),
                "organization_id", eastMetro, "usage", "email_asset")));
        assertEquals(eastMetro, child.get("organization_id").asText());
        assertEquals("email_asset", child.get("usage").asText());
    }

    @Test
    void scopingAndValidationFollowTheContract() {
        ApiClient.Response outside = eastKey.post("/v1/media", Map.of("source_url", photoUrl(), "organization_id", west));
        assertEquals(403, outside.status());
        assertEquals("ORG_ACCESS_DENIED", outside.code());
        ApiClient.Response mismatch = root.post("/v1/media", Map.of("source_url", photoUrl(), "organization_id", east,
                "brand_id", westBrand));
        assertEquals(400, mismatch.status());
        assertEquals("BRAND_ORG_MISMATCH", mismatch.code());
        ApiClient.Response emailBrand = eastKey.post("/v1/media", Map.of("source_url", photoUrl(), "brand_id", eastBrand,
                "usage", "email_asset"));
        assertEquals(400, emailBrand.status());
        assertEquals("VALIDATION_ERROR", emailBrand.code());
        assertEquals("brand_id", emailBrand.json().get("details").get(0).get("field").asText());
        assertEquals(404, eastKey.post("/v1/media", Map.of("source_url", photoUrl(), "brand_id", westBrand)).status(),
                "a brand outside the subtree is not found, as for campaigns");
        for (Object bad : List.of("not a url", "ftp://files.example.org/a.jpg", "/relative/a.jpg", 42)) {
            ApiClient.Response r = eastKey.post("/v1/media", Map.of("source_url", bad));
            assertEquals(400, r.status(), bad + ": " + r);
            assertEquals("source_url", r.json().get("details").get(0).get("field").asText());
        }
        assertEquals(400, eastKey.post("/v1/media", Map.of("source_url", photoUrl(), "usage", "fax")).status());
        assertEquals(400, eastKey.post("/v1/media", Map.of()).status());
        assertEquals(400, eastKey.post("/v1/media", Map.of("source_url", photoUrl(), "color", "red")).status());
    }

    @Test
    void readsStayInsideTheKeysSubtree() {
        String westFile = Imports.start(root, Map.of("source_url", photoUrl(), "organization_id", west));
        ApiClient.Response r = eastKey.get("/v1/media/" + westFile);
        assertEquals(404, r.status());
        assertEquals("NOT_FOUND", r.code());
        assertEquals(404, eastKey.get("/v1/media/med_nope").status());
        assertEquals(404, eastKey.delete("/v1/media/" + westFile).status());
        assertFalse(ids(eastKey.get("/v1/media").data()).contains(westFile));
        assertTrue(ids(root.get("/v1/media").data()).contains(westFile));
        assertEquals("ORG_ACCESS_DENIED", eastKey.get("/v1/media?organization_id=" + west).code());

        String metroFile = Imports.start(eastKey, Map.of("source_url", photoUrl(), "organization_id", eastMetro));
        String eastFile = Imports.start(eastKey, Map.of("source_url", photoUrl()));
        JsonNode metro = eastKey.get("/v1/media?organization_id=" + eastMetro).data();
        assertTrue(ids(metro).contains(metroFile));
        assertFalse(ids(metro).contains(eastFile), "exactly that organization, not its ancestors");
        metro.forEach(item -> assertEquals(eastMetro, item.get("org_id").asText()));
        assertTrue(ids(eastKey.get("/v1/media").data()).containsAll(List.of(metroFile, eastFile)), "the whole subtree");
        String branded = Imports.start(eastKey, Map.of("source_url", photoUrl(), "brand_id", eastBrand));
        List<String> ofBrand = ids(eastKey.get("/v1/media?brand_id=" + eastBrand).data());
        assertTrue(ofBrand.contains(branded));
        assertFalse(ofBrand.contains(eastFile));
        assertEquals(List.of(), ids(eastKey.get("/v1/media?brand_id=" + westBrand).data()),
                "a brand outside the subtree matches nothing");
        assertEquals("BRAND_ORG_MISMATCH",
                eastKey.get("/v1/media?organization_id=" + eastMetro + "&brand_id=" + eastBrand).code());
    }

    @Test
    void thePublicUrlServesTheBytesWithoutAKeyAndCachesForever() {
        JsonNode d = Imports.settled(eastKey, Imports.start(eastKey, Map.of("source_url", photoUrl())));
        String path = URI.create(d.get("url").asText()).getPath();
        ApiClient anyone = server.client(null);
        ApiClient.Response got = anyone.get(path);
        assertEquals(200, got.status());
        assertArrayEquals(photo, got.raw());
        assertEquals("image/jpeg", got.header("Content-Type"));
        assertEquals(Integer.toString(photo.length), got.header("Content-Length"));
        assertEquals("public, max-age=31536000, immutable", got.header("Cache-Control"));
        assertEquals("nosniff", got.header("X-Content-Type-Options"));
        String etag = got.header("ETag");
        assertTrue(etag != null && etag.matches("\"[0-9a-f]{32}\""), etag);
        assertNull(got.header("X-RateLimit-Limit"), "not an API answer");

        ApiClient.Response again = anyone.send("GET", path, null, Map.of("If-None-Match", etag));
        assertEquals(304, again.status());
        assertEquals(0, again.raw().length);
        assertEquals(etag, again.header("ETag"));
        assertEquals(200, anyone.send("GET", path, null, Map.of("If-None-Match", "\"other\"")).status());

        ApiClient.Response head = anyone.send("HEAD", path, null, Map.of());
        assertEquals(200, head.status());
        assertEquals(0, head.raw().length);
        assertEquals(Integer.toString(photo.length), head.header("Content-Length"));
        assertEquals(etag, head.header("ETag"));

        for (String wrong : List.of(path.replaceFirst("/media/[0-9a-f]{4}", "/media/0000"),
                path.replaceFirst("[^/]+$", "other.jpg"), "/media/x/y")) {
            ApiClient.Response missing = anyone.get(wrong);
            assertEquals(404, missing.status(), wrong);
            assertEquals("Not found\n", new String(missing.raw()));
            assertTrue(missing.header("Content-Type").startsWith("text/plain"));
        }
        assertEquals(405, anyone.send("POST", path, "x", Map.of()).status());
    }

    @Test
    void deleteRemovesTheFileItsUrlAndItsStoredObjects() throws Exception {
        JsonNode d = Imports.settled(eastKey, Imports.start(eastKey, Map.of("source_url", photoUrl(), "name", "Gone")));
        String id = d.get("media_id").asText();
        Path stored = server.dataDir().resolve("objects").resolve(d.get("storage_key").asText());
        assertTrue(Files.exists(stored));
        ApiClient.Response deleted = eastKey.delete("/v1/media/" + id);
        assertEquals(200, deleted.status(), deleted.toString());
        assertEquals(Map.of("media_id", id, "name", "Gone", "deleted", true),
                org.civicast.platform.http.Json.MAPPER.convertValue(deleted.data(), Map.class));
        assertEquals(404, eastKey.get("/v1/media/" + id).status());
        assertEquals(404, server.client(null).get(URI.create(d.get("url").asText()).getPath()).status());
        long deadline = System.currentTimeMillis() + 20_000;
        while (Files.exists(stored) && System.currentTimeMillis() < deadline) Thread.sleep(50);
        assertFalse(Files.exists(stored), "the purge job removed the stored file");
        assertEquals(404, eastKey.delete("/v1/media/" + id).status());
    }

    @Test
    void aFileAProjectUsesIsNotDeleted() {
        String used = Imports.start(eastKey, Map.of("source_url", photoUrl(), "name", "GOTV flyer"));
        String free = Imports.start(eastKey, Map.of("source_url", photoUrl()));
        server.civicast().service(MediaService.class).usedBy(mediaId -> mediaId.equals(used)
                ? List.of(new MediaUsers.User("proj_1", "Early vote push", "scheduled"),
                        new MediaUsers.User("proj_2", "GOTV", "draft"))
                : List.of());
        ApiClient.Response refused = eastKey.delete("/v1/media/" + used);
        assertEquals(409, refused.status(), refused.toString());
        assertEquals("MEDIA_IN_USE", refused.code());
        JsonNode projects = refused.json().get("details").get("projects");
        assertEquals(2, projects.size());
        assertEquals("proj_1", projects.get(0).get("id").asText());
        assertEquals("Early vote push", projects.get(0).get("name").asText());
        assertEquals("scheduled", projects.get(0).get("status").asText());
        assertEquals(200, eastKey.get("/v1/media/" + used).status(), "still there");
        assertEquals(200, eastKey.delete("/v1/media/" + free).status(), "files nobody uses still go");
    }

    /** What the jobs' housekeeping does when the worker of a last attempt dies, done here by hand. */
    @Test
    void aFileWhoseImportDiedIsFailedInsteadOfOptimizingForever() {
        source.slow("/files/stuck.jpg", java.time.Duration.ofSeconds(5), photo);
        String id = Imports.start(eastKey, Map.of("source_url", source.url("/files/stuck.jpg")));
        int failed = server.civicast().database().tx(h -> h.createUpdate("""
                UPDATE jobs SET state = 'failed', locked_by = NULL, locked_until = NULL, finished_at = now(),
                  last_error = 'attempt 4 of 4 did not finish: worker w stopped renewing its lease'
                WHERE id = (SELECT job_id FROM media_files WHERE id = :id)""").bind("id", id).execute());
        assertEquals(1, failed);
        JsonNode d = eastKey.get("/v1/media/" + id).data();
        assertEquals("failed", d.get("status").asText(), d.toString());
        assertEquals("the import stopped: attempt 4 of 4 did not finish: worker w stopped renewing its lease",
                d.get("failure_reason").asText());
        assertEquals("failed", find(eastKey.get("/v1/media").data(), id).get("status").asText());
    }

    @Test
    void anOrganizationWithMediaIsNotDeleted() {
        String org = server.createOrganization(east, "Short-lived");
        Imports.start(root, Map.of("source_url", photoUrl(), "organization_id", org));
        ApiClient.Response r = root.delete("/v1/organizations/" + org);
        assertEquals(409, r.status());
        assertTrue(r.json().get("details").get("remaining").toString().contains("media files"), r.toString());
    }

    static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }

    static JsonNode find(JsonNode list, String id) {
        for (JsonNode item : list) if (item.get("id").asText().equals(id)) return item;
        throw new AssertionError(id + " not listed in " + list);
    }
}
