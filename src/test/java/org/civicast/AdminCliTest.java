package org.civicast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import org.civicast.platform.config.Config;
import org.civicast.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The operator's command line works on the same database as a running server. */
class AdminCliTest {
    static TestServer server;
    static Config config;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        config = Config.load(Map.of("CIVICAST_DATABASE_URL", server.databaseUrl(),
                "CIVICAST_DATA_DIR", Files.createTempDirectory("cli").toString()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = AdminCli.run(config, args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void createsOrganizationsAndKeysThatTheServerHonours() {
        String root = server.rootOrganizationId();
        Run org = run("orgs", "create", "--name", "County Party", "--parent", root);
        assertEquals(0, org.exit(), org.err());
        String orgId = org.out().trim();
        assertTrue(orgId.startsWith("org_"));
        assertTrue(run("orgs", "list").out().contains("County Party"));

        Run key = run("keys", "create", "--org", orgId, "--name", "ops", "--scopes", "read");
        assertEquals(0, key.exit(), key.err());
        String secret = key.out().trim();
        assertTrue(secret.startsWith("pc_live_"));
        var seen = server.client(secret).get("/v1/organizations");
        assertEquals(200, seen.status());
        assertEquals(orgId, seen.data().get(0).get("id").asText());

        Run list = run("keys", "list", "--org", orgId);
        assertTrue(list.out().contains("ops"), list.out());
        assertTrue(!list.out().contains(secret), "the secret is never listed");
        String keyId = list.out().split("\t")[0];
        assertEquals(0, run("keys", "revoke", keyId).exit());
        assertEquals(401, server.client(secret).get("/v1/organizations").status());
    }

    @Test
    void backgroundJobsAreVisibleWithTheirAttemptsAndLastErrorAndAFailedOneCanBeRetried() throws Exception {
        // An import from a URL the guard refuses fails for good at once: a failed job to look at.
        String list = server.root().post("/v1/contact-lists/import", Map.of("source_url", "https://10.0.0.1/x.csv",
                "list_name", "Jobs", "phone_column", "phone")).data().get("list_id").asText();
        String job = null;
        for (int i = 0; i < 100 && job == null; i++) {
            Run listed = run("jobs", "list", "--kind", "contacts.import");
            job = listed.out().lines().filter(l -> l.contains("\tdone\t") || l.contains("\tfailed\t"))
                    .map(l -> l.split("\t")[0]).findFirst().orElse(null);
            if (job == null) Thread.sleep(100);
        }
        assertTrue(job != null, "the import job settled");
        Run shown = run("jobs", "show", job);
        assertEquals(0, shown.exit(), shown.err());
        assertTrue(shown.out().contains("kind\tcontacts.import") && shown.out().contains("attempts\t1 of"), shown.out());
        assertEquals(1, run("jobs", "retry", job).exit(), "a job that ended done is not failed");
        assertEquals(2, run("jobs", "list", "--state", "lost").exit());
        assertEquals(1, run("jobs", "show", "job_missing").exit());
        assertTrue(server.root().get("/v1/contact-lists/" + list).data().at("/import/error").asText().contains("private"));
    }

    @Test
    void badUsageExitsNonZeroWithAMessage() {
        Run missing = run("keys", "create", "--name", "x");
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("--org"));
        Run unknownOrg = run("keys", "create", "--org", "org_nope", "--name", "x");
        assertEquals(1, unknownOrg.exit());
        assertTrue(unknownOrg.err().contains("org_nope"));
        assertEquals(2, run("frobnicate", "now").exit());
        assertEquals(1, run("keys", "revoke", "key_nope").exit());
    }
}
