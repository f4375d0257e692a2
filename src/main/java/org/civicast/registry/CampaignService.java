package org.civicast.registry;

import org.civicast.orgs.OrganizationService;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
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
        return db.read(h -> CampaignStore.find(h, principal.subtree().like(), id))
                .orElseThrow(() -> ApiException.notFound("Campaign " + id));
    }

    public CarrierTerms.Throughput throughput(Principal principal, String id) {
        Campaign campaign = require(principal, id);
        Brand brand = brands.require(principal, campaign.brandId());
        // This server version sends no messages yet, so nothing has been used today. Once sending
        // exists it must supply the brand's T-Mobile segments of the current Pacific day here.
        int usedToday = 0;
        return CarrierTerms.of(campaign, brand, usedToday, clock.instant());
    }

    public Campaign create(Principal principal, String brandId, Map<String, Object> fields) {
        Brand brand = brands.require(principal, brandId);
        String id = ids.next("camp");
        Instant now = clock.instant();
        Map<String, Object> columns = new LinkedHashMap<>(fields);
        columns.putIfAbsent("campaign_status", "pending");
        columns.put("created_at", now);
        columns.put("updated_at", now);
        return db.tx(h -> {
            checkTcrCampaignId(h, columns, id);
            try {
                CampaignStore.insert(h, id, brand.id(), columns);
            } catch (RuntimeException e) {
                throw translate(e);
            }
            return CampaignStore.find(h, principal.subtree().like(), id).orElseThrow();
        });
    }

    public Campaign update(Principal principal, String id, Map<String, Object> fields) {
        Campaign current = require(principal, id);
        if (fields.isEmpty()) return current;
        Map<String, Object> columns = new LinkedHashMap<>(fields);
        columns.put("updated_at", clock.instant());
        return db.tx(h -> {
            checkTcrCampaignId(h, columns, id);
            try {
                Sql.updateColumns(h, "campaigns", id, columns);
            } catch (RuntimeException e) {
                throw translate(e);
            }
            return CampaignStore.find(h, principal.subtree().like(), id).orElseThrow();
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

    private static void checkTcrCampaignId(org.jdbi.v3.core.Handle h, Map<String, Object> columns, String id) {
        if (columns.get("tcr_campaign_id") instanceof String tcr && CampaignStore.tcrCampaignIdTaken(h, tcr, id)) {
            throw duplicateTcrId(tcr);
        }
    }

    private static RuntimeException translate(RuntimeException e) {
        return Sql.isUniqueViolation(e, "campaigns_tcr_campaign_id_key") ? duplicateTcrId(null) : e;
    }

    private static ApiException duplicateTcrId(String tcr) {
        return ApiException.conflict("Another campaign already has TCR campaign id" + (tcr == null ? "" : " " + tcr),
                "TCR_CAMPAIGN_ID_EXISTS");
    }
}
