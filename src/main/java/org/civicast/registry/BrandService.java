package org.civicast.registry;

import org.civicast.orgs.Organization;
import org.civicast.orgs.OrganizationService;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.civicast.platform.auth.Principal;
import org.civicast.platform.db.Database;
import org.civicast.platform.db.Sql;
import org.civicast.platform.http.ApiException;
import org.civicast.platform.ids.Ids;
import org.civicast.platform.secrets.SecretBox;

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

    /** What a new brand is before its request applies. */
    private static final BrandFields NEW =
            new BrandFields(null, "pending", null, null, null, null, null, null, null, null);

    private final Database db;
    private final OrganizationService organizations;
    private final Ids ids;
    private final Clock clock;
    private final CampaignVerifyTokens tokens;

    public BrandService(Database db, OrganizationService organizations, Ids ids, Clock clock, SecretBox secrets) {
        this.tokens = new CampaignVerifyTokens(db, secrets);
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
        return db.read(h -> BrandStore.find(h, principal.subtree().like(), id)).orElseThrow(() -> notFound(id));
    }

    /** Creates a brand in the named organization (or the key's own), pending unless the request says otherwise. */
    public Brand create(Principal principal, String organizationId, BrandChanges request) {
        Organization org = organizations.target(principal, organizationId);
        String id = ids.next("brand");
        BrandFields plain = normalise(request.applyTo(NEW));
        CampaignVerifyTokens.Sealed token = tokens.seal(id, plain.campaignVerifyToken());
        BrandFields fields = plain.withCampaignVerifyToken(token.stored());
        return db.tx(h -> {
            try {
                BrandStore.insert(h, id, org.id(), fields, token.hint(), clock.instant());
            } catch (RuntimeException e) {
                throw translate(e, fields);
            }
            return BrandStore.find(h, principal.subtree().like(), id).orElseThrow();
        });
    }

    /**
     * Applies a PATCH to the brand as it stands, locked, so concurrent changes of other fields
     * all take effect; fields not sent keep their value, a sent null clears one.
     */
    public Brand update(Principal principal, String id, BrandChanges changes) {
        String like = principal.subtree().like();
        return db.tx(h -> {
            BrandFields current = BrandStore.lock(h, like, id).orElseThrow(() -> notFound(id));
            if (!changes.isEmpty()) {
                BrandFields updated = normalise(changes.applyTo(current));
                Optional<String> newHint = Optional.empty();
                if (changes.campaignVerifyToken().sent()) {
                    CampaignVerifyTokens.Sealed token = tokens.seal(id, updated.campaignVerifyToken());
                    updated = updated.withCampaignVerifyToken(token.stored());
                    newHint = Optional.ofNullable(token.hint());
                }
                try {
                    BrandStore.update(h, id, updated, newHint, clock.instant());
                } catch (RuntimeException e) {
                    throw translate(e, updated);
                }
            }
            return BrandStore.find(h, like, id).orElseThrow();
        });
    }

    /** Encrypts Campaign Verify tokens still in plain text or under a previous key; run at start. */
    public void sealStoredTokens() {
        tokens.sealStored();
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
    private static BrandFields normalise(BrandFields f) {
        if (f.ein() == null || !f.ein().contains("-")) return f;
        return new BrandFields(f.brandName(), f.status(), f.tcrBrandId(), f.entityType(), f.ein().replace("-", ""),
                f.vertical(), f.identityStatus(), f.vettingScore(), f.campaignVerifyToken(), f.notes());
    }

    /** A duplicate TCR brand id is the client's conflict; PostgreSQL's unique constraint is the judge. */
    private static RuntimeException translate(RuntimeException e, BrandFields attempted) {
        if (!Sql.isUniqueViolation(e, "brands_tcr_brand_id_key")) return e;
        return ApiException.conflict("Another brand already has TCR brand id " + attempted.tcrBrandId(),
                "TCR_BRAND_ID_EXISTS");
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("Brand " + id);
    }
}
