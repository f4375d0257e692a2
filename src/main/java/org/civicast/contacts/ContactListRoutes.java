package org.civicast.contacts;

import static org.civicast.platform.auth.Scope.READ;
import static org.civicast.platform.auth.Scope.WRITE;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.civicast.platform.http.Api;
import org.civicast.platform.http.ApiException;
import org.civicast.platform.http.Body;
import org.civicast.platform.http.Field;
import org.civicast.platform.http.Reply;
import org.civicast.platform.http.Schema;

/** Routes of contact lists: the contract's import, list, read, analyze and delete, and the rejected rows. */
public final class ContactListRoutes {
    static final String TAG_PATTERN = "[a-z][a-z0-9_]{0,63}";

    private static final Schema CUSTOM_FIELD = Schema.object()
            .required("csv_column", Field.string(1, 200).describe("The CSV header of the column"))
            .required("merge_tag", Field.string(1, 64).pattern(TAG_PATTERN)
                    .describe("The tag messages use, as {tag}: lowercase letters, digits and _"));

    private static final Schema MERGE_TAGS = standardTags(Schema.object())
            .optional("custom_fields", Field.objects(CUSTOM_FIELD, 0, 100));

    private static final Schema IMPORT = Schema.object()
            .required("source_url", Field.string(8, 8192)
                    .describe("An https URL of the CSV file, publicly readable or presigned (such as an S3 presigned GET)"))
            .optional("organization_id", Field.id().describe("Owner of the list; defaults to the key's own"))
            .optional("brand_id", Field.id().describe("Scopes the list to a brand, and to the brand's organization"))
            .required("list_name", Field.string(1, 200))
            .required("phone_column", Field.string(1, 200).describe("The CSV header of the phone number column"))
            .optional("merge_tags", Field.object(MERGE_TAGS).describe("Which CSV column fills each merge tag"));

    private static Schema standardTags(Schema schema) {
        for (String tag : MergeTags.STANDARD) schema = schema.optional(tag, Field.string(1, 200));
        return schema;
    }

    public static void register(Api api, ContactListService lists) {
        api.get("/v1/contact-lists", READ).tag("Contact lists")
                .operation("listContactLists", "List contact lists")
                .returnsListOf(ContactList.class)
                .query("organization_id", Field.id()).query("brand_id", Field.id())
                .handle(req -> Reply.ok(lists.list(req.principal(), req.query("organization_id"), req.query("brand_id"))));
        api.get("/v1/contact-lists/{id}", READ).tag("Contact lists")
                .operation("getContactList", "Read a contact list with its import progress and analysis")
                .returns(ContactListDetail.class)
                .handle(req -> Reply.ok(lists.get(req.principal(), req.path("id"))));
        api.post("/v1/contact-lists/import", WRITE).tag("Contact lists").status(202)
                .operation("importContactList", "Import a contact list from a CSV file at a URL")
                .body(IMPORT)
                .handle(req -> Reply.accepted(lists.startImport(req.principal(), request(req.body()))));
        api.post("/v1/contact-lists/{id}/analyze", WRITE).tag("Contact lists").status(202)
                .operation("analyzeContactList", "Look up the line type of every number of a ready list")
                .handle(req -> Reply.accepted(lists.analyze(req.principal(), req.path("id"))));
        api.delete("/v1/contact-lists/{id}", WRITE).tag("Contact lists")
                .operation("deleteContactList", "Delete a contact list that no project uses")
                .handle(req -> Reply.ok(lists.delete(req.principal(), req.path("id"))));
        api.get("/v1/contact-lists/{id}/rejected-rows", READ).tag("Contact lists").extension()
                .operation("getContactListRejectedRows",
                        "The rows the import did not take, as CSV: line, reason (bad_number, duplicate, opted_out), detail, phone")
                .returnsFile("text/csv")
                .handle(req -> Reply.ok(lists.rejectedRows(req.principal(), req.path("id"))));
    }

    private static ImportRequest request(Body b) {
        return new ImportRequest(b.string("organization_id"), b.string("brand_id"), b.string("list_name").strip(),
                sourceUrl(b.string("source_url")), b.string("phone_column").strip(), mergeTags(b.object("merge_tags")));
    }

    private static URI sourceUrl(String text) {
        try {
            URI uri = new URI(text.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (uri.getHost() != null && (scheme.equals("https") || scheme.equals("http"))) return uri;
        } catch (java.net.URISyntaxException e) {
            // answered below
        }
        throw ApiException.validation("source_url", "must be an absolute https URL");
    }

    private static MergeTags mergeTags(Body tags) {
        if (tags == null) return MergeTags.none();
        Map<String, String> standard = new LinkedHashMap<>();
        for (String tag : MergeTags.STANDARD) {
            if (tags.string(tag) != null) standard.put(tag, tags.string(tag).strip());
        }
        List<MergeTags.CustomField> custom = new ArrayList<>();
        Set<String> seen = new HashSet<>(MergeTags.STANDARD);
        seen.add("phone");
        seen.add("link");
        List<Body> fields = tags.objects("custom_fields");
        for (int i = 0; fields != null && i < fields.size(); i++) {
            String tag = fields.get(i).string("merge_tag");
            if (!seen.add(tag)) {
                throw ApiException.validation("merge_tags.custom_fields[" + i + "].merge_tag",
                        "'" + tag + "' is a standard tag or named twice");
            }
            custom.add(new MergeTags.CustomField(fields.get(i).string("csv_column").strip(), tag));
        }
        return new MergeTags(standard, custom);
    }

    private ContactListRoutes() {}
}
