package org.civicast.projects;

import static org.civicast.projects.ProjectWorld.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.civicast.testing.ApiClient;
import org.civicast.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Projects through the API: creating, reading, listing, changing and copying, and every refusal. */
class ProjectsApiTest {
    static ProjectWorld w;
    static String voters;
    static String volunteers;

    @BeforeAll
    static void start() throws Exception {
        w = ProjectWorld.start(Map.of());
        voters = w.list("Phone,First,Ward\n2025550101,Ann,3\n2025550102,Bob,3\n2025550103,,4\n",
                Map.of("first_name", "First", "custom_fields", List.of(Map.of("csv_column", "Ward", "merge_tag", "ward"))));
        volunteers = w.list("Phone,Name\n2025550104,Cy\n", Map.of("first_name", "Name"));
    }

    @AfterAll
    static void stop() {
        if (w != null) w.close();
    }

    /** Asserts a refusal: its status, code, and (for field problems) the field named and part of the message. */
    static void refused(ApiClient.Response r, int status, String code, String field, String part) {
        assertEquals(status, r.status(), r.toString());
        assertEquals(code, r.code(), r.toString());
        if (field != null) {
            JsonNode details = r.json().get("details");
            String named = details.isArray() ? details.get(0).get("field").asText() : details.get("field").asText();
            assertEquals(field, named, r.toString());
        }
        if (part != null) assertTrue(r.toString().contains(part), "'" + part + "' not in " + r);
    }

    @Test
    void aCreatedProjectAnswersTheContractsShapeAndReadsBackInFull() {
        ApiClient.Response created = w.create(with(w.body(voters), "suppression_list_ids", List.of(volunteers)));
        assertEquals(201, created.status(), created.toString());
        JsonNode c = created.data();
        String id = c.get("project_id").asText();
        assertTrue(id.startsWith("proj_"), id);
        assertEquals("GOTV reminder", c.get("name").asText());
        assertEquals("broadcast", c.get("type").asText());
        assertEquals("draft", c.get("status").asText());
        assertEquals("10dlc", c.get("channel").asText());
        assertTrue(c.get("created_via_api").asBoolean());
        assertEquals(3, c.get("total_recipients").asInt());
        assertEquals(3, c.get("estimated_cost_cents").asInt(), "3 recipients × 1 segment × 0.75¢, rounded up");
        assertEquals(Map.of("has_list", true, "has_message", true, "has_phone_number", true, "ready_to_test", true),
                Map.of("has_list", c.at("/completeness/has_list").asBoolean(),
                        "has_message", c.at("/completeness/has_message").asBoolean(),
                        "has_phone_number", c.at("/completeness/has_phone_number").asBoolean(),
                        "ready_to_test", c.at("/completeness/ready_to_test").asBoolean()));

        JsonNode p = w.project(id);
        assertEquals(id, p.get("project_id").asText());
        assertEquals(w.org, p.get("organization_id").asText());
        assertEquals(w.brand, p.get("brand_id").asText());
        assertEquals(w.campaign, p.get("campaign_id").asText());
        assertTrue(p.get("toll_free_verification_id").isNull());
        assertEquals(List.of(w.number), strings(p.get("phone_number_ids")));
        assertEquals("sms", p.get("protocol").asText());
        assertEquals("Hi {first_name|friend}, polls are open until 8pm.", p.get("message_text").asText());
        assertEquals(List.of(voters), strings(p.get("contact_list_ids")));
        assertEquals(List.of(volunteers), strings(p.get("suppression_list_ids")));
        assertEquals(List.of(), strings(p.get("media_ids")));
        assertEquals(List.of(), strings(p.get("media_urls")));
        assertFalse(p.get("link_tracking_enabled").asBoolean());
        assertTrue(p.get("opt_out_footer_enabled").asBoolean(), "the footer is on by default");
        assertTrue(p.get("smart_encoding").asBoolean(), "smart encoding is on by default");
        assertFalse(p.get("ai_survey_analysis_enabled").asBoolean());
        assertEquals(3, p.get("total_recipients").asInt());
        assertTrue(p.get("scheduled_at").isNull());
        assertTrue(p.get("pause_reason").isNull());
        assertFalse(p.get("auto_paused").asBoolean());
        assertFalse(p.get("daily_cap_bypass").asBoolean());
        assertEquals(1, p.get("estimated_segments").asInt());
        assertEquals("gsm-7", p.get("message_encoding").asText());
        assertEquals(p.get("created_at"), p.get("updated_at"));

        JsonNode listed = find(w.root.get("/v1/projects?organization_id=" + w.org + "&campaign_id=" + w.campaign).data(), id);
        assertEquals("GOTV", listed.get("campaign_name").asText());
        assertEquals("Ward 3", listed.get("brand_name").asText());
        assertEquals("Ward 3 Democrats", listed.get("org_name").asText());
        assertEquals(w.org, listed.get("org_id").asText());
        assertEquals("draft", listed.get("status").asText());
        assertEquals(List.of(voters), strings(listed.get("contact_list_ids")));
        assertEquals(0, w.root.get("/v1/projects?type=survey").data().size());
        assertTrue(w.root.get("/v1/projects?brand_id=" + w.brand + "&type=broadcast").data().size() >= 1);
        assertEquals(0, w.root.get("/v1/projects?campaign_id=camp_none").data().size());
        assertEquals(404, w.root.get("/v1/projects/proj_none").status());
    }

    @Test
    void withoutListsAProjectIsADraftThatIsNotReadyToTestAndAnEmptyListIsRefused() {
        ApiClient.Response created = w.create(w.body());
        assertEquals(201, created.status(), created.toString());
        assertFalse(created.data().at("/completeness/has_list").asBoolean());
        assertFalse(created.data().at("/completeness/ready_to_test").asBoolean());
        assertEquals(0, created.data().get("total_recipients").asInt());
        refused(w.create(with(w.body(), "contact_list_ids", List.of())), 400, "VALIDATION_ERROR", "contact_list_ids",
                "at least one list");
    }

    @Test
    void channelBrandCampaignAndVerificationMustAgree() throws Exception {
        Map<String, Object> b = w.body(voters);
        refused(w.create(with(b, "brand_id", null)), 400, "VALIDATION_ERROR", "brand_id", "required when channel is 10dlc");
        refused(w.create(with(b, "campaign_id", null)), 400, "VALIDATION_ERROR", "campaign_id", null);
        refused(w.create(with(b, "toll_free_verification_id", w.tfv)), 400, "VALIDATION_ERROR",
                "toll_free_verification_id", "must be omitted");
        refused(w.create(with(b, "channel", "short-code")), 400, "VALIDATION_ERROR", "channel", null);
        Map<String, Object> tollFree = with(b, "channel", "toll-free", "brand_id", null, "campaign_id", null,
                "toll_free_verification_id", w.tfv, "phone_number_ids", List.of(w.tollFreeNumber));
        assertEquals(201, w.create(tollFree).status(), "a toll-free project of the verification's numbers");
        refused(w.create(with(tollFree, "brand_id", w.brand)), 400, "VALIDATION_ERROR", "brand_id", "must be omitted");
        refused(w.create(with(tollFree, "toll_free_verification_id", null)), 400, "VALIDATION_ERROR",
                "toll_free_verification_id", "required when channel is toll-free");

        String otherBrand = TestServer.idOf(w.root.post("/v1/brands", Map.of("brand_name", "Other", "organization_id", w.org)));
        String otherCampaign = w.campaign(otherBrand, "Other campaign", Map.of());
        refused(w.create(with(b, "campaign_id", otherCampaign)), 400, "VALIDATION_ERROR", "campaign_id",
                "belongs to brand " + otherBrand);
        String elsewhere = w.server.createOrganization(w.server.rootOrganizationId(), "Elsewhere");
        String foreignBrand = TestServer.idOf(w.root.post("/v1/brands", Map.of("brand_name", "Far", "organization_id", elsewhere)));
        refused(w.create(with(b, "brand_id", foreignBrand)), 400, "BRAND_ORG_MISMATCH", null, null);
        refused(w.create(with(b, "campaign_id", "camp_none")), 404, "NOT_FOUND", null, null);
        ApiClient outsider = w.server.client(w.server.createKey(elsewhere, "read", "write"));
        refused(outsider.post("/v1/projects", b), 403, "ORG_ACCESS_DENIED", null, null);
    }

    @Test
    void oneToFortyNineNumbersOfTheChannelAndCampaign() {
        Map<String, Object> b = w.body(voters);
        refused(w.create(with(b, "phone_number_ids", List.of())), 400, "VALIDATION_ERROR", "phone_number_ids", "at least 1");
        refused(w.create(with(b, "phone_number_ids", null)), 400, "VALIDATION_ERROR", "phone_number_ids", "is required");
        List<String> fifty = new ArrayList<>();
        for (int i = 0; i < 50; i++) fifty.add("pn_" + i);
        refused(w.create(with(b, "phone_number_ids", fifty)), 400, "VALIDATION_ERROR", "phone_number_ids", "at most 49");
        refused(w.create(with(b, "phone_number_id", w.secondNumber)), 400, "VALIDATION_ERROR", "phone_number_id", "not both");
        String deprecated = w.created(with(b, "phone_number_ids", null, "phone_number_id", w.secondNumber));
        assertEquals(List.of(w.secondNumber), strings(w.project(deprecated).get("phone_number_ids")));

        refused(w.create(with(b, "phone_number_ids", List.of(w.number, w.number))), 400, "VALIDATION_ERROR",
                "phone_number_ids", "twice");
        refused(w.create(with(b, "phone_number_ids", List.of("pn_none"))), 400, "VALIDATION_ERROR", "phone_number_ids",
                "does not exist");
        refused(w.create(with(b, "phone_number_ids", List.of("bad id!"))), 400, "VALIDATION_ERROR", "phone_number_ids", null);
        refused(w.create(with(b, "phone_number_ids", List.of(w.tollFreeNumber))), 400, "VALIDATION_ERROR",
                "phone_number_ids", "is a toll-free number");
        String elsewhere = w.campaign(w.brand, "Another campaign", Map.of());
        refused(w.create(with(b, "phone_number_ids", List.of(w.number, w.number(elsewhere)))), 400, "VALIDATION_ERROR",
                "phone_number_ids", "not attached to campaign " + w.campaign);
        String released = w.number(w.campaign);
        assertEquals(200, w.root.patch("/v1/phone-numbers/" + released, Map.of("status", "released")).status());
        refused(w.create(with(b, "phone_number_ids", List.of(released))), 400, "VALIDATION_ERROR", "phone_number_ids",
                "is released");
        String child = w.server.createOrganization(w.org, "Ward 3 youth");
        String childNumber = TestServer.idOf(w.root.post("/v1/phone-numbers", Map.of("number", "+12025559876",
                "channel", "10dlc", "organization_id", child)));
        refused(w.create(with(b, "phone_number_ids", List.of(childNumber))), 400, "VALIDATION_ERROR", "phone_number_ids",
                "another organization");

        List<String> fortyNine = new ArrayList<>();
        for (int i = 0; i < 49; i++) fortyNine.add(i < 2 ? List.of(w.number, w.secondNumber).get(i) : w.number(w.campaign));
        String wide = w.created(with(b, "phone_number_ids", fortyNine));
        assertEquals(fortyNine, strings(w.project(wide).get("phone_number_ids")));
    }

    @Test
    void listsMustBeReadyListsOfTheOrganizationAndNotBothSentToAndSuppressed() throws Exception {
        Map<String, Object> b = w.body(voters);
        refused(w.create(with(b, "contact_list_ids", List.of("cl_none"))), 400, "VALIDATION_ERROR", "contact_list_ids",
                "does not exist");
        String failed = w.root.post("/v1/contact-lists/import", Map.of("source_url", w.files.url("/missing.csv"),
                "list_name", "Broken", "phone_column", "Phone", "organization_id", w.org)).data().get("list_id").asText();
        refused(w.create(with(b, "contact_list_ids", List.of(failed))), 400, "VALIDATION_ERROR", "contact_list_ids", null);
        String child = w.server.createOrganization(w.org, "Ward 3 seniors");
        String theirs = w.list(child, "Phone\n2025550150\n", Map.of());
        refused(w.create(with(b, "contact_list_ids", List.of(theirs))), 400, "VALIDATION_ERROR", "contact_list_ids",
                "another organization");
        refused(w.create(with(b, "suppression_list_ids", List.of(theirs))), 400, "VALIDATION_ERROR",
                "suppression_list_ids", "another organization");
        refused(w.create(with(b, "suppression_list_ids", List.of(voters))), 400, "VALIDATION_ERROR",
                "suppression_list_ids", "sent to and suppressed");
        refused(w.create(with(b, "contact_list_ids", List.of(voters, voters))), 400, "VALIDATION_ERROR",
                "contact_list_ids", "twice");
    }

    @Test
    void anUnknownOrUnfilledMergeTagIsRefusedNamingIt() {
        Map<String, Object> b = w.body(voters);
        refused(w.create(with(b, "message_text", "Hi {frist_name|friend}!")), 400, "VALIDATION_ERROR", "message_text",
                "unknown merge tag {frist_name}");
        refused(w.create(with(b, "message_text", "Hi {First_Name}")), 400, "VALIDATION_ERROR", "message_text",
                "{First_Name} at character 4 is not a merge tag");
        refused(w.create(with(b, "message_text", "Hi {first_name")), 400, "VALIDATION_ERROR", "message_text", "never closed");
        refused(w.create(with(b, "message_text", "Ward {ward} votes at {city}")), 400, "VALIDATION_ERROR",
                "message_text", "{city} has no value in contact list " + voters);
        refused(w.create(with(b, "contact_list_ids", List.of(voters, volunteers), "message_text", "Ward {ward}!")), 400,
                "VALIDATION_ERROR", "message_text", "{ward} has no value in contact list " + volunteers);
        assertEquals(201, w.create(with(b, "contact_list_ids", List.of(voters, volunteers),
                "message_text", "Ward {ward|your ward}, {first_name}, {phone}: {{literal}}")).status());
        refused(w.create(with(b, "message_text", "Vote: {link}")), 400, "VALIDATION_ERROR", "message_text",
                "enable link tracking");
        String early = w.created(with(w.body(), "message_text", "Ward {ward} votes"));
        refused(w.root.patch("/v1/projects/" + early, Map.of("contact_list_ids", List.of(volunteers))), 400,
                "VALIDATION_ERROR", "message_text", "unknown merge tag {ward}");
        assertEquals(200, w.root.patch("/v1/projects/" + early, Map.of("contact_list_ids", List.of(voters))).status(),
                "a tag accepted before any list is checked when lists are attached");
    }

    @Test
    void linkTrackingFollowsThePlaceholderRules() {
        String domain = TestServer.idOf(w.root.post("/v1/tracking-domains", Map.of("domain", "go.ward3.org",
                "organization_id", w.org, "status", "active")));
        Map<String, Object> b = with(w.body(voters), "message_text", "Find your polling place: {link}",
                "link_tracking_enabled", true, "link_tracking_domain_id", domain,
                "link_tracking_destination_url", "https://vote.example.org/where?ref=x_{ward}",
                "link_tracking_param_field", "ward");
        String id = w.created(b);
        JsonNode p = w.project(id);
        assertTrue(p.get("link_tracking_enabled").asBoolean());
        assertEquals("ward", p.get("link_tracking_param_field").asText());
        assertEquals(1, p.get("estimated_segments").asInt());

        refused(w.create(with(b, "link_tracking_destination_url", null)), 400, "INVALID_LINK_PLACEHOLDER",
                "link_tracking_destination_url", "link_tracking_destination_url is required");
        refused(w.create(with(b, "link_tracking_domain_id", null)), 400, "VALIDATION_ERROR", "link_tracking_domain_id",
                "required when link_tracking_enabled");
        refused(w.create(with(b, "link_tracking_destination_url", "https://vote.example.org/?p={precinct}")), 400,
                "INVALID_LINK_PLACEHOLDER", "link_tracking_destination_url", "{precinct} is not the link_tracking_param_field");
        refused(w.create(with(b, "link_tracking_param_field", null)), 400, "INVALID_LINK_PLACEHOLDER",
                "link_tracking_destination_url", "none is set");
        refused(w.create(with(b, "link_tracking_destination_url", "https://{ward}.example.org/")), 400,
                "INVALID_LINK_PLACEHOLDER", "link_tracking_destination_url", "path, query or fragment");
        refused(w.create(with(b, "link_tracking_destination_url", "https://{ward}")), 400, "INVALID_LINK_PLACEHOLDER",
                "link_tracking_fallback_url", "link_tracking_fallback_url is required");
        assertEquals(201, w.create(with(b, "link_tracking_destination_url", "https://{ward}",
                "link_tracking_fallback_url", "https://vote.example.org")).status(), "whole-URL mode with its fallback");
        refused(w.create(with(b, "link_tracking_destination_url", "https://{phone}", "link_tracking_param_field", "phone",
                "link_tracking_fallback_url", "https://vote.example.org")), 400, "INVALID_LINK_PLACEHOLDER",
                "link_tracking_destination_url", "https://{phone} is not allowed");
        refused(w.create(with(b, "link_tracking_fallback_url", "https://vote.example.org")), 400,
                "INVALID_LINK_PLACEHOLDER", "link_tracking_fallback_url", "only with a whole-URL destination");
        refused(w.create(with(b, "link_tracking_destination_url", "vote.example.org/{ward}")), 400,
                "INVALID_LINK_PLACEHOLDER", "link_tracking_destination_url", "must be an http(s) URL");
        refused(w.create(with(b, "link_tracking_param_field", "precinct",
                "link_tracking_destination_url", "https://vote.example.org/")), 400, "VALIDATION_ERROR",
                "link_tracking_param_field", "'precinct' is neither phone nor a merge tag");
        refused(w.create(with(b, "message_text", "Find your polling place!")), 400, "VALIDATION_ERROR", "message_text",
                "must contain {link}");
        refused(w.create(with(b, "message_text", "Go {link|here}")), 400, "VALIDATION_ERROR", "message_text", "no fallback");

        String pending = TestServer.idOf(w.root.post("/v1/tracking-domains", Map.of("domain", "pending.ward3.org",
                "organization_id", w.org)));
        refused(w.create(with(b, "link_tracking_domain_id", pending)), 400, "VALIDATION_ERROR", "link_tracking_domain_id",
                "no active tracking domain");
        String sibling = w.server.createOrganization(w.server.rootOrganizationId(), "Sibling");
        String theirs = TestServer.idOf(w.root.post("/v1/tracking-domains", Map.of("domain", "go.sibling.org",
                "organization_id", sibling, "status", "active", "shared_with_descendants", true)));
        refused(w.create(with(b, "link_tracking_domain_id", theirs)), 400, "VALIDATION_ERROR", "link_tracking_domain_id", null);
        String shared = TestServer.idOf(w.root.post("/v1/tracking-domains", Map.of("domain", "go.party.org",
                "status", "active", "shared_with_descendants", true)));
        assertEquals(201, w.create(with(b, "link_tracking_domain_id", shared)).status(), "a domain an ancestor shares");

        String off = w.created(with(b, "link_tracking_enabled", false, "message_text", "No link here"));
        assertFalse(w.project(off).get("link_tracking_enabled").asBoolean());
    }

    @Test
    void mediaIsForMmsAndMustBeReadyAndAFileInUseIsNotDeleted() throws Exception {
        String picture = w.media();
        Map<String, Object> b = with(w.body(voters), "media_ids", List.of(picture));
        refused(w.create(b), 400, "VALIDATION_ERROR", "media_ids", "only an mms project carries media");
        refused(w.create(with(b, "protocol", "mms", "media_ids", List.of("med_none"))), 400, "VALIDATION_ERROR",
                "media_ids", "does not exist");
        String failed = w.root.post("/v1/media", Map.of("source_url", w.files.url("/missing.png"),
                "organization_id", w.org)).data().get("media_id").asText();
        refused(w.create(with(b, "protocol", "mms", "media_ids", List.of(failed))), 400, "VALIDATION_ERROR", "media_ids", null);

        ApiClient.Response created = w.create(with(b, "protocol", "mms"));
        assertEquals(201, created.status(), created.toString());
        assertEquals(6, created.data().get("estimated_cost_cents").asInt(), "3 MMS × 2¢");
        String id = created.data().get("project_id").asText();
        JsonNode p = w.project(id);
        assertEquals(List.of(), strings(p.get("media_ids")), "the contract shows files as media_urls");
        assertEquals(1, p.get("media_urls").size());
        assertTrue(p.get("media_urls").get(0).asText().startsWith("https://localhost:"), p.toString());

        ApiClient.Response inUse = w.root.delete("/v1/media/" + picture);
        refused(inUse, 409, "MEDIA_IN_USE", null, null);
        assertEquals(id, inUse.json().at("/details/projects/0/id").asText());
        assertEquals("GOTV reminder", inUse.json().at("/details/projects/0/name").asText());
        assertEquals("draft", inUse.json().at("/details/projects/0/status").asText());
        assertEquals(200, w.root.patch("/v1/projects/" + id, Map.of("media_ids", List.of())).status());
        assertEquals(200, w.root.delete("/v1/media/" + picture).status(), "no project uses it any more");
    }

    @Test
    void aListAProjectUsesIsNotDeleted() throws Exception {
        String list = w.list("Phone\n2025550160\n", Map.of());
        String suppression = w.list("Phone\n2025550161\n", Map.of());
        String id = w.created(with(w.body(list), "suppression_list_ids", List.of(suppression), "name", "Uses lists"));
        for (String used : List.of(list, suppression)) {
            ApiClient.Response r = w.root.delete("/v1/contact-lists/" + used);
            refused(r, 409, "CONTACT_LIST_IN_USE", null, null);
            assertEquals(id, r.json().at("/details/projects/0/id").asText(), r.toString());
            assertEquals("Uses lists", r.json().at("/details/projects/0/name").asText());
        }
        assertEquals(200, w.root.patch("/v1/projects/" + id, Map.of("suppression_list_ids", List.of())).status());
        assertEquals(200, w.root.delete("/v1/contact-lists/" + suppression).status());
    }

    @Test
    void patchChangesOnlyWhatItSendsAndAnEditOfTheMessageNeedsANewTest() {
        String id = w.created(w.body(voters));
        ApiClient.Response renamed = w.root.patch("/v1/projects/" + id, Map.of("name", "GOTV final"));
        assertEquals(200, renamed.status(), renamed.toString());
        assertEquals("GOTV final", renamed.data().get("name").asText());
        assertEquals("Hi {first_name|friend}, polls are open until 8pm.", renamed.data().get("message_text").asText());
        assertEquals(id, renamed.data().get("project_id").asText(), "the answer is the full project");

        assertTrue(w.service().lifecycle().testSent(id));
        assertEquals("awaiting_test", w.project(id).get("status").asText());
        assertEquals("awaiting_test", w.root.patch("/v1/projects/" + id, Map.of("phone_number_ids",
                List.of(w.number, w.secondNumber))).data().get("status").asText(), "numbers are not what recipients see");
        JsonNode edited = w.root.patch("/v1/projects/" + id, Map.of("message_text", "Polls close at 8pm!",
                "opt_out_footer_enabled", false)).data();
        assertEquals("draft", edited.get("status").asText(), "the test no longer shows the message");
        assertFalse(edited.get("opt_out_footer_enabled").asBoolean());
        assertTrue(w.service().lifecycle().testSent(id));

        for (String field : ProjectRoutes.IMMUTABLE) {
            refused(w.root.patch("/v1/projects/" + id, Map.of(field, "x")), 400, "VALIDATION_ERROR", field,
                    "cannot be changed");
        }
        refused(w.root.patch("/v1/projects/" + id, Map.of("contact_list_ids", List.of())), 400, "VALIDATION_ERROR",
                "contact_list_ids", null);
        refused(w.root.patch("/v1/projects/" + id, Map.of("message_text", "Hi {nickname}")), 400, "VALIDATION_ERROR",
                "message_text", "{nickname}");
        refused(w.root.patch("/v1/projects/" + id, Map.of("colour", "red")), 400, "VALIDATION_ERROR", "colour", null);
        assertEquals("Polls close at 8pm!", w.project(id).get("message_text").asText(), "refusals change nothing");
        assertEquals("awaiting_test", w.project(id).get("status").asText());

        assertEquals(200, w.root.post("/v1/projects/" + id + "/schedule", Map.of("scheduled_at", "2030-11-03T09:00:00-05:00",
                "scheduled_timezone", "America/New_York")).status());
        refused(w.root.patch("/v1/projects/" + id, Map.of("name", "Too late")), 409, "CONFLICT", null, "PROJECT_STATUS");
        assertEquals(200, w.root.post("/v1/projects/" + id + "/unschedule", null).status());
        assertEquals(200, w.root.patch("/v1/projects/" + id, Map.of("name", "Back in draft")).status());
        refused(w.root.patch("/v1/projects/proj_none", Map.of("name", "x")), 404, "NOT_FOUND", null, null);
    }

    @Test
    void aCopyKeepsTheMessageNumbersAndSettingsAndDropsListsAndSchedule() {
        String id = w.created(with(w.body(voters), "name", "Canvass", "phone_number_ids", List.of(w.number, w.secondNumber),
                "suppression_list_ids", List.of(volunteers), "opt_out_footer_enabled", false, "smart_encoding", false));
        assertEquals(200, w.root.post("/v1/projects/" + id + "/schedule", Map.of("scheduled_at", "2030-11-03T14:00:00Z",
                "scheduled_timezone", "America/Chicago")).status());
        ApiClient.Response copy = w.root.post("/v1/projects/" + id + "/copy", null);
        assertEquals(201, copy.status(), copy.toString());
        assertEquals("Canvass_v2", copy.data().get("name").asText());
        assertEquals("draft", copy.data().get("status").asText());
        assertEquals(0, copy.data().get("total_recipients").asInt());
        assertFalse(copy.data().at("/completeness/has_list").asBoolean());
        JsonNode p = w.project(copy.data().get("project_id").asText());
        JsonNode source = w.project(id);
        for (String same : List.of("message_text", "phone_number_ids", "protocol", "campaign_id", "brand_id",
                "suppression_list_ids", "opt_out_footer_enabled", "smart_encoding", "link_tracking_enabled")) {
            assertEquals(source.get(same), p.get(same), same);
        }
        assertEquals(List.of(), strings(p.get("contact_list_ids")));
        assertTrue(p.get("scheduled_at").isNull());
        assertEquals("scheduled", source.get("status").asText(), "the original is untouched");
        String again = w.root.post("/v1/projects/" + p.get("project_id").asText() + "/copy", null).data().get("name").asText();
        assertEquals("Canvass_v3", again);
        refused(w.root.post("/v1/projects/proj_none/copy", null), 404, "NOT_FOUND", null, null);
        assertEquals("Canvass_v2", ProjectService.nextVersion("Canvass"));
        assertEquals("Canvass_v10", ProjectService.nextVersion("Canvass_v9"));
        assertEquals("Canvass_v0_v2", ProjectService.nextVersion("Canvass_v0"));
    }

    @Test
    void aSuspendedOrganizationsProjectsCannotBeCreatedCopiedOrScheduled() throws Exception {
        String branch = w.server.createOrganization(w.org, "Ward 3 branch");
        String brand = TestServer.idOf(w.root.post("/v1/brands", Map.of("brand_name", "Branch", "organization_id", branch)));
        String campaign = w.campaign(brand, "Branch GOTV", Map.of());
        String number = TestServer.idOf(w.root.post("/v1/phone-numbers", Map.of("number", "+12025558765",
                "channel", "10dlc", "organization_id", branch, "campaign_id", campaign)));
        String list = w.list(branch, "Phone\n2025550170\n", Map.of());
        Map<String, Object> b = with(w.body(list), "organization_id", branch, "brand_id", brand, "campaign_id", campaign,
                "phone_number_ids", List.of(number));
        String id = w.created(b);
        assertEquals(200, w.root.patch("/v1/organizations/" + branch, Map.of("status", "suspended")).status());
        ApiClient.Response paused = w.create(b);
        refused(paused, 409, "SENDING_PAUSED", null, null);
        assertEquals("organization", paused.json().at("/details/scope").asText());
        refused(w.root.post("/v1/projects/" + id + "/copy", null), 409, "SENDING_PAUSED", null, null);
        refused(w.root.post("/v1/projects/" + id + "/schedule", Map.of("scheduled_at", "2030-01-01T00:00:00Z",
                "scheduled_timezone", "America/Denver")), 409, "SENDING_PAUSED", null, null);
        assertEquals(200, w.root.patch("/v1/organizations/" + branch, Map.of("status", "active")).status());
        assertEquals(201, w.create(b).status());
    }

    @Test
    void aCampaignOrOrganizationWithProjectsIsNotDeleted() {
        String campaign = w.campaign(w.brand, "Short-lived", Map.of());
        String number = w.number(campaign);
        w.created(with(w.body(), "campaign_id", campaign, "phone_number_ids", List.of(number)));
        assertEquals(200, w.root.patch("/v1/phone-numbers/" + number, java.util.Collections.singletonMap("campaign_id", null))
                .status());
        ApiClient.Response r = w.root.delete("/v1/campaigns/" + campaign);
        assertEquals(409, r.status(), r.toString());
        assertTrue(r.toString().contains("projects"), r.toString());
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    static JsonNode find(JsonNode rows, String id) {
        for (JsonNode row : rows) {
            if (row.get("id").asText().equals(id)) return row;
        }
        throw new AssertionError(id + " not in " + rows);
    }
}
