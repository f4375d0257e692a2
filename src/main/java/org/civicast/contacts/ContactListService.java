package org.civicast.contacts;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.civicast.orgs.Organization;
import org.civicast.orgs.OrganizationService;
import org.civicast.platform.auth.Principal;
import org.civicast.platform.db.Database;
import org.civicast.platform.http.ApiException;
import org.civicast.platform.http.ErrorCode;
import org.civicast.platform.http.FileReply;
import org.civicast.platform.ids.Ids;
import org.civicast.platform.jobs.Jobs;
import org.civicast.registry.Brand;
import org.civicast.registry.BrandService;

/**
 * Contact lists: imported from a CSV file at a URL by a background job, read with their import's
 * counters and their line-type analysis, and deleted when nothing uses them.
 */
public final class ContactListService {
    private final Database db;
    private final OrganizationService organizations;
    private final BrandService brands;
    private final Jobs jobs;
    private final Ids ids;
    private final Clock clock;
    private volatile ContactListUsers users = ContactListUsers.NOBODY;

    public ContactListService(Database db, OrganizationService organizations, BrandService brands, Jobs jobs, Ids ids,
                              Clock clock) {
        this.db = db;
        this.organizations = organizations;
        this.brands = brands;
        this.jobs = jobs;
        this.ids = ids;
        this.clock = clock;
        organizations.deletionGuards().add(orgId -> db.read(h -> ContactListStore.existAt(h, orgId))
                ? Optional.of("contact lists") : Optional.empty());
    }

    /** Tells the service what uses lists (projects), so that a list in use is not deleted. */
    public void usedBy(ContactListUsers users) {
        this.users = users;
    }

    /** Records the list and queues its import; the answer is the contract's 202 body. */
    public Map<String, Object> startImport(Principal principal, ImportRequest request) {
        Organization org = owner(principal, request.organizationId(), request.brandId());
        String id = ids.next("cl");
        Instant now = clock.instant();
        URI source = request.sourceUrl();
        db.tx(h -> {
            ContactListStore.insert(h, id, org.id(), request.brandId(), request.name(), withoutQuery(source),
                    request.phoneColumn(), request.mergeTags(), now);
            jobs.enqueue(ContactImportJob.KIND, ContactImportJob.payload(id, source.toString()));
            return null;
        });
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("list_id", id);
        answer.put("name", request.name());
        answer.put("status", "processing");
        answer.put("total_rows", null);
        answer.put("imported_via_api", true);
        return answer;
    }

    public List<ContactList> list(Principal principal, String organizationId, String brandId) {
        if (organizationId != null) organizations.requireReachable(principal, organizationId);
        if (brandId != null && organizationId != null) requireBrandOf(principal, brandId, organizationId);
        return db.read(h -> ContactListStore.list(h, principal.subtree().like(), organizationId, brandId)).stream()
                .map(ContactListService::item).toList();
    }

    public ContactListDetail get(Principal principal, String id) {
        ContactListStore.Row list = require(principal, id);
        return ContactListViews.detail(list, db.read(h -> Analysis.breakdown(h, list)));
    }

    /**
     * Starts (or, while it runs, reports) the line-type analysis of a ready list: the contract's
     * 202 body with how many numbers wait and a rough time.
     */
    public Map<String, Object> analyze(Principal principal, String id) {
        ContactListStore.Row list = require(principal, id);
        if (!list.status().equals("ready")) {
            throw new ApiException(ErrorCode.CONTACT_LIST_NOT_READY, "Contact list " + id + " is " + list.status()
                    + "; it can be analysed once its import is ready");
        }
        int queued = db.tx(h -> {
            ContactListStore.Row current = ContactListStore.lock(h, id).orElseThrow();
            if (!current.analysisStatus().equals("processing")) {
                Analysis.start(h, id, clock.instant());
                jobs.enqueue(AnalysisJob.KIND, AnalysisJob.payload(id));
            }
            return Analysis.waiting(h, list.key());
        });
        Map<String, Object> analysis = new LinkedHashMap<>();
        analysis.put("status", "processing");
        analysis.put("numbers_queued", queued);
        analysis.put("estimated_completion_seconds", 1 + queued / 500);
        return Map.of("list_id", id, "analysis", analysis);
    }

    /**
     * Lists a key may send to: each must exist in the key's subtree, belong to the sending
     * organization, and be ready. Named with the field the client sent them in.
     */
    public void requireSendable(Principal principal, String organizationId, List<String> listIds, String field) {
        for (String id : listIds) {
            ContactListStore.Row list = db.read(h -> ContactListStore.find(h, principal.subtree().like(), id))
                    .orElseThrow(() -> ApiException.validation(field, "names contact list " + id + ", which does not exist"));
            if (!list.organizationId().equals(organizationId)) {
                throw ApiException.validation(field, "contact list " + id + " belongs to another organization");
            }
            if (!list.status().equals("ready")) {
                throw ApiException.validation(field, "contact list " + id + " is " + list.status() + ", not ready");
            }
        }
    }

    /** How many numbers a send to these lists reaches now: see {@link Audience}. */
    public int audienceSize(String organizationId, List<String> listIds, List<String> suppressionIds) {
        if (listIds.isEmpty()) return 0;
        return db.read(h -> Audience.count(h, organizationId, listIds, suppressionIds));
    }

    /** The audience by carrier, as far as analyses of the lists know it: see {@link AudienceCarriers}. */
    public AudienceCarriers audienceCarriers(String organizationId, List<String> listIds, List<String> suppressionIds) {
        if (listIds.isEmpty()) return new AudienceCarriers(0, 0, 0, 0);
        return db.read(h -> Audience.carriers(h, organizationId, listIds, suppressionIds));
    }

    /**
     * The merge tags each list fills — the standard tags it maps to a column and its custom tags —
     * by list id, for lists that exist. A message's tags are checked against them.
     */
    public Map<String, Set<String>> mergeTags(List<String> listIds) {
        Map<String, Set<String>> tags = new LinkedHashMap<>();
        for (String id : listIds) {
            db.read(h -> ContactListStore.find(h, id)).ifPresent(list -> {
                Set<String> filled = new LinkedHashSet<>(list.tags().standard().keySet());
                filled.addAll(list.tags().customTags());
                tags.put(id, filled);
            });
        }
        return tags;
    }

    public FileReply rejectedRows(Principal principal, String id) {
        ContactListStore.Row list = require(principal, id);
        return new FileReply("text/csv; charset=utf-8", id + "-rejected-rows.csv",
                db.read(h -> RejectedRows.csv(h, list.key())));
    }

    public Map<String, Object> delete(Principal principal, String id) {
        ContactListStore.Row list = require(principal, id);
        List<ContactListUsers.User> using = users.of(id);
        if (!using.isEmpty()) {
            throw new ApiException(ErrorCode.CONTACT_LIST_IN_USE, "Contact list " + id + " is used by "
                    + using.size() + " project(s); remove it from them first", Map.of("projects", using));
        }
        db.tx(h -> {
            ContactListStore.delete(h, id);
            return null;
        });
        return Map.of("list_id", id, "name", list.name(), "deleted", true);
    }

    ContactListStore.Row require(Principal principal, String id) {
        return db.read(h -> ContactListStore.find(h, principal.subtree().like(), id))
                .orElseThrow(() -> ApiException.notFound("Contact list " + id));
    }

    /** The organization a new list belongs to: the brand's when one is named, which must agree with the one named. */
    private Organization owner(Principal principal, String organizationId, String brandId) {
        if (brandId == null) return organizations.target(principal, organizationId);
        Brand brand = brands.require(principal, brandId);
        if (organizationId != null && !organizationId.equals(brand.orgId())) {
            organizations.requireReachable(principal, organizationId);
            throw new ApiException(ErrorCode.BRAND_ORG_MISMATCH,
                    "Brand " + brandId + " does not belong to organization " + organizationId);
        }
        return organizations.requireReachable(principal, brand.orgId());
    }

    private void requireBrandOf(Principal principal, String brandId, String organizationId) {
        owner(principal, organizationId, brandId);
    }

    private static ContactList item(ContactListStore.Row r) {
        return new ContactList(r.id(), r.name(), r.brandId(), r.brandName(), r.organizationId(), r.orgName(),
                r.createdAt(), r.status(), r.counts() == null ? null : r.counts().cleanContacts());
    }

    /** The URL as stored and shown: without its query, where a presigned URL keeps its signature. */
    private static String withoutQuery(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }
}
