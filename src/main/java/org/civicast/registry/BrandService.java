package org.civicast.registry;

import org.civicast.orgs.Organization;
import org.civicast.orgs.OrganizationService;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.civicast.platform.auth.Principal;
import org.civicast.platform.db.Database;
import org.civicast.platform.db.Sql;
import org.civicast.platform.http.ApiException;
import org.civicast.platform.ids.Ids;

/**
 * Brands: the legal entities registered with The Campaign Registry. A key sees and changes the
 * brands of its own organization and its descendants; any other brand id is simply not found.
 */
public final class BrandService {
    public static final List<String> STATUSES = List.of("pending", "active", "inactive", "failed");
    public static final List<String> ENTITY_TYPES =
            List.of("PRIVATE_PROFIT", "PUBLIC_PROFIT", "NON_PROFIT", "GOVERNMENT", "SOLE_PROPRIETOR");
    public static final List<String> IDENTITY_STATUSES =
            List.of("SELF_DECLARED", "UNVERIFIED", "VERIFIED", "VETTED_VERIFIED");
    /** The Campaign Registry's brand verticals. */
    public static final List<String> VERTICALS = List.of("AGRICULTURE", "COMMUNICATION", "CONSTRUCTION",
            "EDUCATION", "ENERGY", "ENTERTAINMENT", "FINANCIAL", "GAMBLING", "GOVERNMENT", "HEALTHCARE",
            "HOSPITALITY", "HUMAN_RESOURCES", "INSURANCE", "LEGAL", "MANUFACTURING", "NGO", "POLITICAL",
            "POSTAL", "PROFESSIONAL", "REAL_ESTATE", "RETAIL", "TECHNOLOGY", "TRANSPORTATION");

    private final Database db;
    private final OrganizationService organizations;
    private final Ids ids;
    private final Clock clock;

    public BrandService(Database db, OrganizationService organizations, Ids ids, Clock clock) {
        this.db = db;
        this.organizations = organizations;
        this.ids = ids;
        this.clock = clock;
        organizations.deletionGuards().add(orgId -> db.read(h -> BrandStore.existAt(h, orgId))
                ? Optional.of("brands") : Optional.empty());
    }

    public List<Brand> list(Principal principal, String organizationId) {
        if (organizationId != null) organizations.requireReachable(principal, organizationId);
        return db.read(h -> BrandStore.list(h, principal.subtree().like(), organizationId));
    }

    /** The brand if the key reaches it; anything else is NOT_FOUND, so other tenants' ids reveal nothing. */
    public Brand require(Principal principal, String id) {
        return db.read(h -> BrandStore.find(h, principal.subtree().like(), id))
                .orElseThrow(() -> ApiException.notFound("Brand " + id));
    }

    /**
     * Creates a brand in the named organization (or the key's own). {@code fields} holds the
     * request's brand fields by their API names, which are also the column names.
     */
    public Brand create(Principal principal, String organizationId, Map<String, Object> fields) {
        Organization org = organizations.target(principal, organizationId);
        String id = ids.next("brand");
        Instant now = clock.instant();
        Map<String, Object> columns = new LinkedHashMap<>(normalise(fields));
        columns.putIfAbsent("status", "pending");
        columns.put("created_at", now);
        columns.put("updated_at", now);
        return db.tx(h -> {
            checkTcrBrandId(h, columns, id);
            try {
                BrandStore.insert(h, id, org.id(), columns);
            } catch (RuntimeException e) {
                throw translate(e);
            }
            return BrandStore.find(h, principal.subtree().like(), id).orElseThrow();
        });
    }

    public Brand update(Principal principal, String id, Map<String, Object> fields) {
        Brand current = require(principal, id);
        if (fields.isEmpty()) return current;
        Map<String, Object> columns = new LinkedHashMap<>(normalise(fields));
        columns.put("updated_at", clock.instant());
        return db.tx(h -> {
            checkTcrBrandId(h, columns, id);
            try {
                Sql.updateColumns(h, "brands", id, columns);
            } catch (RuntimeException e) {
                throw translate(e);
            }
            return BrandStore.find(h, principal.subtree().like(), id).orElseThrow();
        });
    }

    public Map<String, Object> delete(Principal principal, String id) {
        require(principal, id);
        return db.tx(h -> {
            if (BrandStore.hasCampaigns(h, id)) {
                throw ApiException.conflict("Brand " + id + " still has campaigns; delete them first",
                        "BRAND_HAS_CAMPAIGNS");
            }
            BrandStore.delete(h, id);
            return Map.of("id", id, "deleted", true);
        });
    }

    /** An EIN is stored as its nine digits, whichever way the client wrote it. */
    private static Map<String, Object> normalise(Map<String, Object> fields) {
        Map<String, Object> out = new LinkedHashMap<>(fields);
        if (out.get("ein") instanceof String ein) out.put("ein", ein.replace("-", ""));
        return out;
    }

    private static void checkTcrBrandId(org.jdbi.v3.core.Handle h, Map<String, Object> columns, String id) {
        if (columns.get("tcr_brand_id") instanceof String tcr && BrandStore.tcrBrandIdTaken(h, tcr, id)) {
            throw duplicateTcrId(tcr);
        }
    }

    private static RuntimeException translate(RuntimeException e) {
        return Sql.isUniqueViolation(e, "brands_tcr_brand_id_key") ? duplicateTcrId(null) : e;
    }

    private static ApiException duplicateTcrId(String tcr) {
        return ApiException.conflict("Another brand already has TCR brand id" + (tcr == null ? "" : " " + tcr),
                "TCR_BRAND_ID_EXISTS");
    }
}
