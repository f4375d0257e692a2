package org.civicast.registry;

import org.civicast.orgs.OrganizationService;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.civicast.platform.auth.Principal;
import org.civicast.platform.db.Database;
import org.civicast.platform.db.DeletionGuards;
import org.civicast.platform.db.Sql;
import org.civicast.platform.http.ApiException;
import org.civicast.platform.http.ErrorCode;
import org.civicast.platform.ids.Ids;

/** 10DLC campaigns. A campaign lives in its brand's organization and is scoped through it. */
public final class CampaignService {
    public static final List<String> STATUSES = List.of("pending", "active", "rejected", "suspended", "expired");
    /** The Campaign Registry's use cases (2FA is also accepted under its long name). */
    public static final List<String> USE_CASES = List.of("2FA", "ACCOUNT_NOTIFICATION", "AGENTS_FRANCHISES",
            "CARRIER_EXEMPT", "CHARITY", "CUSTOMER_CARE", "DELIVERY_NOTIFICATION", "EMERGENCY", "FRAUD_ALERT",
            "HIGHER_EDUCATION", "K12_EDUCATION", "LOW_VOLUME", "M2M", "MARKETING", "MIXED", "POLITICAL",
            "POLLING_VOTING", "PROXY", "PUBLIC_SERVICE_ANNOUNCEMENT", "SECURITY_ALERT", "SOCIAL",
            "SOLE_PROPRIETOR", "SWEEPSTAKE", "TRIAL", "TWO_FACTOR_AUTHENTICATION", "UCAAS_HIGH", "UCAAS_LOW");

    /** What a new campaign is before its request applies. */
    private static final CampaignFields NEW = new CampaignFields(null, null, "pending", null, null, null, null, null);

    private final Database db;
    private final OrganizationService organizations;
    private final Ids ids;
    private final Clock clock;
    private final BrandService brands;
    private final DeletionGuards deletionGuards = new DeletionGuards();

    public CampaignService(Database db, OrganizationService organizations, Ids ids, Clock clock,
                           BrandService brands) {
        this.db = db;
        this.organizations = organizations;
        this.ids = ids;
        this.clock = clock;
        this.brands = brands;
    }

    /** The brand's segments sent in the current Pacific day, as the sending engine counts them. */
    @FunctionalInterface
    public interface BrandUsage {
        int usedToday(String brandId);
    }

    private volatile BrandUsage usage = brandId -> 0;

    /** Plugs in the sending engine's count; without one, nothing has been sent. */
    public void countUsageWith(BrandUsage usage) {
        this.usage = java.util.Objects.requireNonNull(usage);
    }

    /** Where other features (phone numbers) veto deleting a campaign they still use. */
    public DeletionGuards deletionGuards() {
        return deletionGuards;
    }

    /**
     * Campaigns in the key's subtree, optionally of exactly one organization and/or one brand. A
     * brand the key cannot see matches nothing; a visible brand of another organization than the
     * one named is BRAND_ORG_MISMATCH.
     */
    public List<Campaign> list(Principal principal, String organizationId, String brandId) {
        if (organizationId != null) {
            organizations.requireReachable(principal, organizationId);
            if (brandId != null) requireBrandInOrganization(principal, brandId, organizationId);
        }
        return db.read(h -> CampaignStore.list(h, principal.subtree().like(), organizationId, brandId));
    }

    public Campaign require(Principal principal, String id) {
        return db.read(h -> CampaignStore.find(h, principal.subtree().like(), id)).orElseThrow(() -> notFound(id));
    }

    public CarrierTerms.Throughput throughput(Principal principal, String id) {
        Campaign campaign = require(principal, id);
        Brand brand = brands.require(principal, campaign.brandId());
        return CarrierTerms.of(campaign, brand, usage.usedToday(brand.id()), clock.instant());
    }

    /** Records a campaign under a brand the key reaches; it is pending unless the request says otherwise. */
    public Campaign create(Principal principal, String brandId, CampaignChanges request) {
        Brand brand = brands.require(principal, brandId);
        String id = ids.next("camp");
        CampaignFields fields = request.applyTo(NEW);
        return db.tx(h -> {
            try {
                CampaignStore.insert(h, id, brand.id(), fields, clock.instant());
            } catch (RuntimeException e) {
                throw translate(e, fields);
            }
            return CampaignStore.find(h, principal.subtree().like(), id).orElseThrow();
        });
    }

    /** Applies a PATCH to the campaign as it stands, locked, as for brands. */
    public Campaign update(Principal principal, String id, CampaignChanges changes) {
        String like = principal.subtree().like();
        return db.tx(h -> {
            CampaignFields current = CampaignStore.lock(h, like, id).orElseThrow(() -> notFound(id));
            if (!changes.isEmpty()) {
                CampaignFields updated = changes.applyTo(current);
                try {
                    CampaignStore.update(h, id, updated, clock.instant());
                } catch (RuntimeException e) {
                    throw translate(e, updated);
                }
            }
            return CampaignStore.find(h, like, id).orElseThrow();
        });
    }

    public Map<String, Object> delete(Principal principal, String id) {
        require(principal, id);
        return db.tx(h -> {
            List<String> remaining = deletionGuards.remaining(id);
            if (!remaining.isEmpty()) {
                throw ApiException.conflict("Campaign " + id + " still has " + String.join(", ", remaining)
                        + "; detach them first", "CAMPAIGN_HAS_PHONE_NUMBERS");
            }
            CampaignStore.delete(h, id);
            return Map.of("id", id, "deleted", true);
        });
    }

    /** BRAND_ORG_MISMATCH when a brand the key can see belongs to another organization than the one named. */
    public void requireBrandInOrganization(Principal principal, String brandId, String organizationId) {
        db.read(h -> BrandStore.find(h, principal.subtree().like(), brandId)).ifPresent(brand -> {
            if (!brand.orgId().equals(organizationId)) {
                throw new ApiException(ErrorCode.BRAND_ORG_MISMATCH,
                        "Brand " + brandId + " does not belong to organization " + organizationId);
            }
        });
    }

    /** A duplicate TCR campaign id is the client's conflict; PostgreSQL's unique constraint is the judge. */
    private static RuntimeException translate(RuntimeException e, CampaignFields attempted) {
        if (!Sql.isUniqueViolation(e, "campaigns_tcr_campaign_id_key")) return e;
        return ApiException.conflict("Another campaign already has TCR campaign id " + attempted.tcrCampaignId(),
                "TCR_CAMPAIGN_ID_EXISTS");
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("Campaign " + id);
    }
}
