package org.civicast.contacts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.civicast.testing.ApiClient;
import org.civicast.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Contact lists through the API, imported from a real local file server. */
class ContactListsTest {
    static FileServer files;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        files = new FileServer();
        Map<String, String> settings = new HashMap<>();
        settings.put("CIVICAST_OUTBOUND_ALLOWLIST", "127.0.0.1");
        settings.put("CIVICAST_OUTBOUND_ALLOW_HTTP", "true");
        settings.put("CIVICAST_JOBS_POLL_MILLIS", "50");
        settings.put("CIVICAST_JOBS_BACKOFF_BASE_SECONDS", "0");
        settings.put("CIVICAST_JOBS_MAX_ATTEMPTS", "2");
        settings.put("CIVICAST_CONTACTS_MAX_FILE_BYTES", "300000");
        settings.put("CIVICAST_CONTACTS_FETCH_TIMEOUT_SECONDS", "2");
        server = TestServer.start(settings, Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
        if (files != null) files.close();
    }

    static ApiClient.Response importFile(String url, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("source_url", url);
        body.put("list_name", "Ward 3 voters");
        body.put("phone_column", "Phone");
        body.putAll(extra);
        return server.root().post("/v1/contact-lists/import", body);
    }

    /** Polls the list until its import settles, checking progress never goes back. */
    static JsonNode settled(String listId) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        int progress = 0;
        while (System.currentTimeMillis() < deadline) {
            JsonNode list = server.root().get("/v1/contact-lists/" + listId).data();
            String status = list.at("/import/status").asText();
            assertTrue(list.at("/import/progress").asInt() >= progress, "progress went back: " + list);
            progress = list.at("/import/progress").asInt();
            if (status.equals("ready") || status.equals("failed")) return list;
            Thread.sleep(50);
        }
        throw new AssertionError("the import did not settle");
    }

    static JsonNode imported(String url, Map<String, Object> extra) throws InterruptedException {
        ApiClient.Response accepted = importFile(url, extra);
        assertEquals(202, accepted.status(), accepted.toString());
        assertEquals("processing", accepted.data().get("status").asText());
        assertTrue(accepted.data().get("imported_via_api").asBoolean());
        return settled(accepted.data().get("list_id").asText());
    }

    static String failure(byte[] content) throws InterruptedException {
        JsonNode list = imported(files.put("/f" + System.nanoTime() + ".csv", content), Map.of());
        assertEquals("failed", list.at("/import/status").asText(), list.toString());
        return list.at("/import/error").asText();
    }

    static void contains(String text, String part) {
        assertTrue(text.contains(part), "'" + part + "' not in: " + text);
    }

    static List<List<String>> rows(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(server.databaseUrl()); ResultSet rs = c.createStatement().executeQuery(sql)) {
            List<List<String>> rows = new ArrayList<>();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) row.add(rs.getString(i));
                rows.add(row);
            }
            return rows;
        }
    }

    @Test
    void aVoterFileBecomesAListWithAnHonestAccountOfEveryRow() throws Exception {
        String orgId = server.rootOrganizationId();
        try (Connection c = DriverManager.getConnection(server.databaseUrl())) {
            c.createStatement().execute("INSERT INTO opt_outs VALUES ('" + orgId + "', 12025550188, 'stop_reply', now())");
        }
        String csv = "\uFEFFFirst,Last,Phone,Ward,Notes\r\n"
                + "Ann,Lee,(202) 555-0143,3,\"likes\r\nparks\"\r\n"        // line 2, a quoted line break
                + "Bob,Ray,+1 202.555.0144,3,\r\n"                         // line 4
                + "Cy,Doe,2025550143,4,\r\n"                                // line 5: Ann's number again
                + "Di,Fox,555-0199,4,\r\n"                                  // line 6: seven digits
                + "Ed,Gay,,4,\r\n"                                          // line 7: none
                + "Flo,Hu,1-202-555-0188,5,\r\n"                            // line 8: opted out
                + "Gus,Ito,(613) 555-0111,5,\r\n";                          // line 9: Ottawa, Canada
        JsonNode list = imported(files.put("/voters.csv", csv.getBytes(StandardCharsets.UTF_8)),
                Map.of("merge_tags", Map.of("first_name", "First", "last_name", "last",
                        "custom_fields", List.of(Map.of("csv_column", "Ward", "merge_tag", "ward")))));
        assertEquals("ready", list.at("/import/status").asText(), list.toString());
        assertEquals(100, list.at("/import/progress").asInt());
        assertEquals(7, list.at("/import/total_rows").asInt(), list.toString());
        assertEquals(5, list.at("/import/total_contacts").asInt());
        assertEquals(3, list.at("/import/clean_contacts").asInt());
        assertEquals(1, list.at("/import/duplicate_count").asInt());
        assertEquals(2, list.at("/import/bad_number_count").asInt());
        assertEquals(1, list.at("/import/opted_out_count").asInt());
        assertTrue(list.at("/import/processing_completed_at").isTextual());
        assertEquals("not_started", list.at("/analysis/status").asText());
        assertTrue(list.at("/analysis/breakdown").isMissingNode(), "no breakdown before any analysis");

        String id = list.get("list_id").asText();
        List<List<String>> contacts = rows("SELECT c.phone, c.line_no, c.first_name, c.last_name, c.custom[1] FROM contacts c "
                + "JOIN contact_lists l USING (list_key) WHERE l.id = '" + id + "' ORDER BY c.phone");
        assertEquals(List.of(
                List.of("12025550143", "2", "Ann", "Lee", "3"),
                List.of("12025550144", "4", "Bob", "Ray", "3"),
                List.of("16135550111", "9", "Gus", "Ito", "5")), contacts.subList(0, 3));

        ApiClient.Response rejected = server.root().get("/v1/contact-lists/" + id + "/rejected-rows");
        assertEquals(200, rejected.status());
        assertTrue(rejected.header("Content-Type").startsWith("text/csv"), rejected.header("Content-Type"));
        String report = new String(rejected.raw(), StandardCharsets.UTF_8);
        assertEquals("""
                line,reason,detail,phone
                5,duplicate,the same number as line 2,2025550143
                6,bad_number,not a valid phone number,555-0199
                7,bad_number,no phone number,
                8,opted_out,the number has opted out of this organization's texts,1-202-555-0188
                """.replace("\n", "\r\n"), report);

        JsonNode item = server.root().get("/v1/contact-lists").data();
        boolean listed = false;
        for (JsonNode l : item) {
            if (l.get("id").asText().equals(id)) {
                listed = true;
                assertEquals("Ward 3 voters", l.get("name").asText());
                assertEquals(orgId, l.get("org_id").asText());
                assertEquals(3, l.get("contact_count").asInt());
            }
        }
        assertTrue(listed);
    }

    @Test
    void semicolonsTabsAndLatin1AreRead() throws Exception {
        byte[] latin1 = "Nom;Phone\nRené;202-555-0150\nZoë;202-555-0151\n".getBytes(Charset.forName("windows-1252"));
        JsonNode semi = imported(files.put("/latin1.csv", latin1), Map.of("merge_tags", Map.of("first_name", "nom")));
        assertEquals("ready", semi.at("/import/status").asText(), semi.toString());
        assertEquals(List.of(List.of("René"), List.of("Zoë")), rows("SELECT first_name FROM contacts c JOIN contact_lists l "
                + "USING (list_key) WHERE l.id = '" + semi.get("list_id").asText() + "' ORDER BY phone"));
        JsonNode tabs = imported(files.put("/tabs.tsv", "Name\tPhone\nA\t2025550160\n".getBytes(StandardCharsets.UTF_8))
                        + "?chunked", Map.of());
        assertEquals("ready", tabs.at("/import/status").asText(), tabs.toString());
        assertEquals(1, tabs.at("/import/clean_contacts").asInt());
    }

    @Test
    void badFilesFailWithAReasonAPersonCanActOn() throws Exception {
        contains(failure("Name,Cell\nA,2025550100\n".getBytes(StandardCharsets.UTF_8)), "no column 'Phone' (phone_column); its headers are: 'Name', 'Cell'");
        contains(failure(new byte[0]), "empty");
        contains(failure("Phone\r\n".getBytes(StandardCharsets.UTF_8)), "header line but no rows");
        contains(failure(new byte[] {'P', 'K', 3, 4, 20, 0, 6, 0}), "Excel workbook (.xlsx)");
        contains(failure("<!DOCTYPE html><html>Sign in</html>".getBytes(StandardCharsets.UTF_8)), "HTML");
        byte[] late = new byte[100_000];
        byte[] head = "Phone,Name\n".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(head, 0, late, 0, head.length);
        for (int i = head.length; i < late.length; i++) late[i] = (byte) (i % 64 == 0 ? '\n' : 'a');
        late[90_000] = (byte) 0xC3; // a lone UTF-8 lead byte after the sampled start
        late[90_001] = '(';
        assertTrue(failure(late).contains("not UTF-8 further on"), failure(late));
        contains(failure(new byte[200_000]), "binary");

        byte[] big = ("Phone\n" + "2025550100\n".repeat(30_000)).getBytes(StandardCharsets.UTF_8);
        contains(failure(big), "CIVICAST_CONTACTS_MAX_FILE_BYTES");
        JsonNode chunked = imported(files.put("/big.csv", big) + "?chunked", Map.of());
        assertTrue(chunked.at("/import/error").asText().contains("larger than this server accepts"), chunked.toString());
    }

    @Test
    void urlsThatDoNotGiveTheFileFailClearly() throws Exception {
        contains(imported(files.url("/forbidden"), Map.of()).at("/import/error").asText(), "403");
        contains(imported(files.url("/missing.csv"), Map.of()).at("/import/error").asText(), "404 (not found)");
        contains(imported(files.url("/slow"), Map.of()).at("/import/error").asText(), "took too long");
        JsonNode refused = imported("https://169.254.169.254/latest/voters.csv", Map.of());
        assertTrue(refused.at("/import/error").asText().contains("link-local"), refused.toString());
        JsonNode unavailable = imported(files.url("/unavailable"), Map.of());
        assertTrue(unavailable.at("/import/error").asText().contains("503"), unavailable.toString());
    }

    @Test
    void anAnalysisCountsLineTypesAndLooksEachNumberUpOnce() throws Exception {
        try (Connection c = DriverManager.getConnection(server.databaseUrl())) {
            c.createStatement().execute("INSERT INTO lookup_prefixes (prefix, line_type, carrier) VALUES "
                    + "('202555', 'landline', 'Verizon DC'), ('2025550181', 'voip', 'Bandwidth'), "
                    + "('3015550', 'mobile', 'T-Mobile') ON CONFLICT DO NOTHING");
        }
        String csv = "Phone\n2025550180\n2025550181\n3015550100\n3015550101\n";
        ApiClient.Response accepted = importFile(files.put("/analyse.csv", csv.getBytes(StandardCharsets.UTF_8)), Map.of());
        String id = accepted.data().get("list_id").asText();
        ApiClient.Response early = server.root().post("/v1/contact-lists/" + id + "/analyze", null);
        if (early.status() == 409) assertEquals("CONTACT_LIST_NOT_READY", early.code());
        assertEquals("ready", settled(id).at("/import/status").asText());

        ApiClient.Response started = server.root().post("/v1/contact-lists/" + id + "/analyze", null);
        assertEquals(202, started.status(), started.toString());
        assertEquals(id, started.data().get("list_id").asText());
        assertEquals("processing", started.data().at("/analysis/status").asText());
        JsonNode analysis = analysed(id);
        assertEquals("complete", analysis.get("status").asText(), analysis.toString());
        assertEquals(4, analysis.get("analyzed_numbers").asInt());
        assertEquals(1, analysis.at("/breakdown/landline").asInt(), analysis.toString());
        assertEquals(1, analysis.at("/breakdown/voip").asInt());
        assertEquals(2, analysis.at("/breakdown/mobile").asInt());
        assertEquals(List.of(List.of("12025550181", "voip", "Bandwidth")), rows("SELECT phone, line_type, carrier FROM contacts "
                + "JOIN contact_lists l USING (list_key) WHERE l.id = '" + id + "' AND line_type = 'voip'"));
        assertEquals(List.of(List.of("4")), rows("SELECT count(*) FROM usage_records WHERE category = 'carrier_lookup' "
                + "AND reference_id = '" + id + "'"), "each number billed once");

        // The same file again: its numbers come from the cache, unbilled.
        ApiClient.Response again = importFile(files.url("/analyse.csv"), Map.of());
        String second = again.data().get("list_id").asText();
        settled(second);
        assertEquals(202, server.root().post("/v1/contact-lists/" + second + "/analyze", null).status());
        assertEquals(4, analysed(second).get("analyzed_numbers").asInt());
        assertEquals(List.of(List.of("0")), rows("SELECT count(*) FROM usage_records WHERE reference_id = '" + second + "'"));
        ApiClient.Response repeat = server.root().post("/v1/contact-lists/" + second + "/analyze", null);
        assertEquals(0, repeat.data().at("/analysis/numbers_queued").asInt(), repeat.toString());
    }

    @Test
    void anAudienceIsEachNumberOnceLessSuppressionsOptOutsAndLandlines() throws Exception {
        String a = imported(files.put("/aud-a.csv", "Phone\n2125550101\n2125550102\n2125550103\n2125550104\n"
                .getBytes(StandardCharsets.UTF_8)), Map.of()).get("list_id").asText();
        String b = imported(files.put("/aud-b.csv", "Phone\n2125550104\n2125550105\n"
                .getBytes(StandardCharsets.UTF_8)), Map.of()).get("list_id").asText();
        String suppress = imported(files.put("/aud-s.csv", "Phone\n2125550101\n"
                .getBytes(StandardCharsets.UTF_8)), Map.of()).get("list_id").asText();
        String org = server.rootOrganizationId();
        ContactListService lists = server.civicast().service(ContactListService.class);
        assertEquals(5, lists.audienceSize(org, List.of(a, b), List.of()), "0104 is in both lists: once");
        assertEquals(4, lists.audienceSize(org, List.of(a, b), List.of(suppress)));
        try (Connection c = DriverManager.getConnection(server.databaseUrl())) {
            c.createStatement().execute("INSERT INTO opt_outs VALUES ('" + org + "', 12125550102, 'stop_reply', now())");
            c.createStatement().execute("UPDATE contacts SET line_type = 'landline', looked_up_at = now() "
                    + "WHERE phone = 12125550103");
        }
        assertEquals(2, lists.audienceSize(org, List.of(a, b), List.of(suppress)), "less the opt-out and the landline");
        assertEquals(3, lists.audienceSize("org_other", List.of(a), List.of()), "another organization's opt-outs do not apply");
    }

    static JsonNode analysed(String id) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            JsonNode analysis = server.root().get("/v1/contact-lists/" + id).data().get("analysis");
            if (!analysis.get("status").asText().equals("processing")) return analysis;
            Thread.sleep(50);
        }
        throw new AssertionError("the analysis did not finish");
    }

    @Test
    void badRequestsChangeNothing() throws Exception {
        int before = server.root().get("/v1/contact-lists").data().size();
        assertEquals(400, importFile("ftp://example.org/a.csv", Map.of()).status());
        assertEquals(400, server.root().post("/v1/contact-lists/import",
                Map.of("source_url", "https://example.org/a.csv", "list_name", "x")).status());
        assertEquals(400, importFile("https://example.org/a.csv", Map.of("merge_tags",
                Map.of("custom_fields", List.of(Map.of("csv_column", "A", "merge_tag", "first_name"))))).status());
        assertEquals(400, importFile("https://example.org/a.csv", Map.of("merge_tags", Map.of("nickname", "N"))).status());
        ApiClient.Response brand = importFile("https://example.org/a.csv", Map.of("brand_id", "brand_nope"));
        assertEquals(404, brand.status(), brand.toString());
        assertEquals(before, server.root().get("/v1/contact-lists").data().size());
        assertEquals(404, server.root().get("/v1/contact-lists/cl_nope").status());
    }

    @Test
    void aListInUseIsNotDeletedAndOneNotInUseIs() throws Exception {
        JsonNode list = imported(files.put("/del.csv", "Phone\n2025550170\n".getBytes(StandardCharsets.UTF_8)), Map.of());
        String id = list.get("list_id").asText();
        ContactListService service = server.civicast().service(ContactListService.class);
        service.usedBy(listId -> listId.equals(id)
                ? List.of(new ContactListUsers.User("prj_1", "GOTV", "scheduled")) : List.of());
        ApiClient.Response inUse = server.root().delete("/v1/contact-lists/" + id);
        assertEquals(409, inUse.status());
        assertEquals("CONTACT_LIST_IN_USE", inUse.code());
        assertEquals("prj_1", inUse.json().at("/details/projects/0/id").asText(), inUse.toString());
        service.usedBy(ContactListUsers.NOBODY);
        ApiClient.Response deleted = server.root().delete("/v1/contact-lists/" + id);
        assertEquals(200, deleted.status());
        assertTrue(deleted.data().get("deleted").asBoolean());
        assertEquals(404, server.root().get("/v1/contact-lists/" + id).status());
        assertEquals(List.of(List.of("0")), rows("SELECT count(*) FROM contacts c LEFT JOIN contact_lists l USING (list_key) WHERE l.id IS NULL"));
    }
}
