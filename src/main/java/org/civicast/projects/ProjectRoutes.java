package org.civicast.projects;

import static org.civicast.platform.auth.Scope.READ;
import static org.civicast.platform.auth.Scope.WRITE;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.civicast.platform.http.Api;
import org.civicast.platform.http.ApiException;
import org.civicast.platform.http.Body;
import org.civicast.platform.http.Change;
import org.civicast.platform.http.Field;
import org.civicast.platform.http.Reply;
import org.civicast.platform.http.Schema;

/**
 * Routes of broadcast projects: the contract's create, list, read, update, copy, schedule,
 * unschedule and throughput. Test sends and stats come with the sending engine.
 */
public final class ProjectRoutes {
    /** The six zones the contract schedules in. */
    static final List<String> TIMEZONES = List.of("America/New_York", "America/Chicago", "America/Denver",
            "America/Los_Angeles", "America/Anchorage", "Pacific/Honolulu");
    /** Fixed at creation: a PATCH sending any of them answers 400. */
    static final List<String> IMMUTABLE = List.of("organization_id", "channel", "brand_id", "campaign_id",
            "toll_free_verification_id");
    private static final String ID = "[A-Za-z0-9_\\-]{1,64}";
    private static final String TAG = "[a-z][a-z0-9_]{0,63}";

    private static Schema settings(Schema schema, boolean patch) {
        return schema
                .optional("phone_number_ids", Field.stringArray(49)
                        .describe("1 to 49 sending numbers of the project's channel, attached to its campaign or toll-free verification"))
                .optional("phone_number_id", Field.id().describe("Deprecated: one sending number, as phone_number_ids with one id"))
                .optional("contact_list_ids", Field.stringArray(50)
                        .describe("Ready lists of the organization to send to; at least one when sent (leave it out to attach later)"))
                .optional("suppression_list_ids", Field.stringArray(50).describe("Lists whose numbers are left out"))
                .optional("media_ids", Field.stringArray(10).describe("Ready MMS media files of the organization (mms only)"))
                .optional("link_tracking_enabled", Field.bool())
                .optional("link_tracking_destination_url", nullable(Field.string(1, 2048), patch)
                        .describe("Where {link} redirects; may embed {<link_tracking_param_field>}, or be exactly https://{<field>}"))
                .optional("link_tracking_domain_id", nullable(Field.id(), patch))
                .optional("link_tracking_param_field", nullable(Field.string(1, 64).pattern(TAG), patch)
                        .describe("phone, or a merge tag of the lists, carried on the redirect"))
                .optional("link_tracking_fallback_url", nullable(Field.string(1, 2048), patch)
                        .describe("Required with a whole-URL destination: where recipients without a valid URL go"))
                .optional("opt_out_footer_enabled", Field.bool()
                        .describe("Appends \"\\nReply STOP to opt out\" to every message; true by default"))
                .optional("smart_encoding", Field.bool()
                        .describe("Civicast: replaces smart quotes, dashes and such by GSM-7 equivalents; true by default"));
    }

    private static Field nullable(Field field, boolean patch) {
        return patch ? field.nullable() : field;
    }

    private static final Schema CREATE = settings(Schema.object()
            .required("organization_id", Field.id())
            .optional("channel", Field.oneOf(ProjectRegistration.TEN_DLC, ProjectRegistration.TOLL_FREE)
                    .describe("10dlc (the default) or toll-free"))
            .optional("brand_id", Field.id().describe("Required for 10dlc, omitted for toll-free"))
            .optional("campaign_id", Field.id().describe("Required for 10dlc, omitted for toll-free"))
            .optional("toll_free_verification_id", Field.id().describe("Required for toll-free, omitted for 10dlc"))
            .required("name", Field.string(1, 200))
            .required("protocol", Field.oneOf(ProjectSettings.SMS, ProjectSettings.MMS))
            .required("message_text", Field.string(1, 1600)
                    .describe("Merge fields in braces: {first_name}, {first_name|friend} (with a fallback), {link}")), false);

    private static final Schema UPDATE = immutable(settings(Schema.object()
            .optional("name", Field.string(1, 200))
            .optional("protocol", Field.oneOf(ProjectSettings.SMS, ProjectSettings.MMS))
            .optional("message_text", Field.string(1, 1600)), true));

    private static Schema immutable(Schema schema) {
        for (String name : IMMUTABLE) {
            schema = schema.optional(name, Field.string(0, 64).nullable()
                    .describe("Fixed when the project is created: sending it answers 400"));
        }
        return schema;
    }

    private static final Schema SCHEDULE = Schema.object()
            .required("scheduled_at", Field.string(1, 64)
                    .describe("ISO-8601 date-time with an explicit offset (Z or ±hh:mm); now or past starts at once"))
            .required("scheduled_timezone", Field.oneOf(TIMEZONES))
            .optional("daily_cap_bypass", Field.bool()
                    .describe("Send past the brand's T-Mobile daily cap instead of pausing at it; kept until changed"));

    private static final Schema TEST_CONTACT = Schema.object()
            .required("phone", Field.string(12, 12).pattern("\\+1[2-9][0-9]{2}[2-9][0-9]{6}")
                    .describe("A US or Canadian number in E.164 (+1 and ten digits)"))
            .optional("merge_values", Field.object(Schema.object().otherProperties(Field.string(0, 1000)))
                    .describe("Values for the message's merge tags, by tag; missing ones fall back as in any message"));

    private static final Schema TEST = Schema.object()
            .required("test_contacts", Field.objects(TEST_CONTACT, 1, 50));

    public static void register(Api api, ProjectService projects) {
        api.get("/v1/projects", READ).tag("Projects")
                .operation("listProjects", "List projects")
                .returnsListOf(ProjectItem.class)
                .query("organization_id", Field.id()).query("brand_id", Field.id()).query("campaign_id", Field.id())
                .query("type", Field.oneOf("broadcast", "survey"))
                .handle(req -> Reply.ok(projects.list(req.principal(), req.query("organization_id"),
                        req.query("brand_id"), req.query("campaign_id"), req.query("type"))));
        api.post("/v1/projects", WRITE).tag("Projects").status(201)
                .operation("createProject", "Create a broadcast project, as a draft")
                .returns(ProjectCreated.class)
                .body(CREATE)
                .handle(req -> Reply.created(projects.create(req.principal(), request(req.body()))));
        api.get("/v1/projects/{id}", READ).tag("Projects")
                .operation("getProject", "Read a project with its audience and estimated cost")
                .returns(ProjectDetail.class)
                .handle(req -> Reply.ok(projects.get(req.principal(), req.path("id"), req.origin())));
        api.patch("/v1/projects/{id}", WRITE).tag("Projects")
                .operation("updateProject", "Change a draft or awaiting_test project")
                .returns(ProjectDetail.class)
                .body(UPDATE)
                .handle(req -> Reply.ok(projects.update(req.principal(), req.path("id"), changes(req.body()),
                        req.origin())));
        api.post("/v1/projects/{id}/copy", WRITE).tag("Projects").status(201)
                .operation("copyProject", "Copy a project as a new draft without its contact lists (X becomes X_v2)")
                .returns(ProjectCreated.class)
                .handle(req -> Reply.created(projects.copy(req.principal(), req.path("id"))));
        api.post("/v1/projects/{id}/schedule", WRITE).tag("Projects")
                .operation("scheduleProject", "Schedule a project (or resume a paused one)")
                .returns(ProjectScheduled.class)
                .body(SCHEDULE)
                .handle(req -> Reply.ok(projects.schedule(req.principal(), req.path("id"),
                        scheduledAt(req.body().string("scheduled_at")), req.body().string("scheduled_timezone"),
                        req.body().bool("daily_cap_bypass"))));
        api.post("/v1/projects/{id}/unschedule", WRITE).tag("Projects")
                .operation("unscheduleProject", "Take a scheduled or paused project back to editing; safe to repeat")
                .returns(ProjectUnscheduled.class)
                .handle(req -> Reply.ok(projects.unschedule(req.principal(), req.path("id"))));
        api.post("/v1/projects/{id}/test", WRITE).tag("Projects").status(202)
                .operation("testProject", "Send the message to 1-50 test contacts now (real messages, billed)")
                .returns(TestSends.class)
                .body(TEST)
                .handle(req -> Reply.accepted(projects.test(req.principal(), req.path("id"),
                        testContacts(req.body().objects("test_contacts")))));
        api.get("/v1/projects/{id}/stats", READ).tag("Projects")
                .operation("getProjectStats", "A project's results: sent, delivered, undeliverable, clicks; tests apart")
                .returns(ProjectStats.class)
                .handle(req -> Reply.ok(projects.stats(req.principal(), req.path("id"))));
        api.get("/v1/projects/{id}/throughput", READ).tag("Projects")
                .operation("getProjectThroughput", "How the carriers' caps apply to a project's audience")
                .returns(ProjectThroughput.class)
                .handle(req -> Reply.ok(projects.throughput(req.principal(), req.path("id"))));
    }

    private static List<TestContact> testContacts(List<Body> contacts) {
        List<TestContact> result = new java.util.ArrayList<>();
        for (Body c : contacts) {
            Body values = c.object("merge_values");
            result.add(new TestContact(c.string("phone"), values == null ? Map.of() : values.texts()));
        }
        return result;
    }

    private static NewProject request(Body b) {
        LinkSettings link = new LinkSettings(Boolean.TRUE.equals(b.bool("link_tracking_enabled")),
                b.string("link_tracking_destination_url"), b.string("link_tracking_domain_id"),
                b.string("link_tracking_param_field"), b.string("link_tracking_fallback_url"));
        List<String> lists = ids(b, "contact_list_ids");
        if (lists != null && lists.isEmpty()) throw noLists();
        ProjectSettings settings = new ProjectSettings(b.string("name").strip(), b.string("protocol"),
                b.string("message_text"), numbers(b).orElseThrow(() -> ApiException.validation("phone_number_ids",
                        "is required: 1 to 49 sending numbers (or the deprecated phone_number_id)")),
                lists == null ? List.of() : lists, orEmpty(ids(b, "suppression_list_ids")), orEmpty(ids(b, "media_ids")),
                link, !Boolean.FALSE.equals(b.bool("opt_out_footer_enabled")), !Boolean.FALSE.equals(b.bool("smart_encoding")));
        return new NewProject(b.string("organization_id"), b.string("channel"), b.string("brand_id"),
                b.string("campaign_id"), b.string("toll_free_verification_id"), settings);
    }

    private static ProjectChanges changes(Body b) {
        for (String name : IMMUTABLE) {
            if (b.has(name)) throw ApiException.validation(name, "cannot be changed after the project is created");
        }
        List<String> lists = ids(b, "contact_list_ids");
        if (lists != null && lists.isEmpty()) throw noLists();
        java.util.Optional<List<String>> numbers = numbers(b);
        return new ProjectChanges(b.has("name") ? Change.to(b.string("name").strip()) : Change.keep(),
                Change.string(b, "protocol"), Change.string(b, "message_text"),
                numbers.isPresent() ? Change.to(numbers.get()) : Change.keep(),
                lists == null ? Change.keep() : Change.to(lists), list(b, "suppression_list_ids"), list(b, "media_ids"),
                Change.bool(b, "link_tracking_enabled"), Change.string(b, "link_tracking_destination_url"),
                Change.string(b, "link_tracking_domain_id"), Change.string(b, "link_tracking_param_field"),
                Change.string(b, "link_tracking_fallback_url"), Change.bool(b, "opt_out_footer_enabled"),
                Change.bool(b, "smart_encoding"));
    }

    /** phone_number_ids, or the deprecated phone_number_id as one; empty when neither was sent. */
    private static java.util.Optional<List<String>> numbers(Body b) {
        List<String> many = ids(b, "phone_number_ids");
        String one = b.string("phone_number_id");
        if (many != null && one != null) {
            throw ApiException.validation("phone_number_id", "send phone_number_ids or the deprecated phone_number_id, not both");
        }
        if (many != null && many.isEmpty()) throw ApiException.validation("phone_number_ids", "must have at least 1 item");
        return java.util.Optional.ofNullable(many != null ? many : one != null ? List.of(one) : null);
    }

    private static Change<List<String>> list(Body b, String name) {
        return b.has(name) ? Change.to(orEmpty(ids(b, name))) : Change.keep();
    }

    /** A list of ids, each shaped like one; null when not sent. */
    private static List<String> ids(Body b, String name) {
        List<String> ids = b.strings(name);
        if (ids == null) return null;
        for (String id : ids) {
            if (!id.matches(ID)) throw ApiException.validation(name, "items must be ids (letters, digits, _ and -)");
        }
        return ids;
    }

    private static List<String> orEmpty(List<String> ids) {
        return ids == null ? List.of() : ids;
    }

    private static ApiException noLists() {
        return ApiException.validation("contact_list_ids", "must name at least one list; leave it out to attach lists later");
    }

    /** An instant from an ISO-8601 date-time that states its offset: a time without one is ambiguous. */
    static Instant scheduledAt(String text) {
        try {
            OffsetDateTime at = OffsetDateTime.parse(text.strip(), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            if (at.getYear() < 2000 || at.getYear() > 9999) {
                throw ApiException.validation("scheduled_at", "must be a date between the years 2000 and 9999");
            }
            return at.toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.validation("scheduled_at", "must be an ISO-8601 date-time with an explicit offset, "
                    + "such as 2026-03-20T11:00:00-04:00 or 2026-03-20T15:00:00Z");
        }
    }

    private ProjectRoutes() {}
}
