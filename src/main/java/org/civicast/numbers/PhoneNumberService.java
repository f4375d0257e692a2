package org.civicast.numbers;

import org.civicast.orgs.Organization;
import org.civicast.orgs.OrganizationService;
import org.civicast.registry.Campaign;
import org.civicast.registry.CampaignService;
import org.civicast.registry.TollFreeVerificationDetail;
import org.civicast.registry.TollFreeVerificationService;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.civicast.platform.auth.Principal;
import org.civicast.platform.db.Database;
import org.civicast.platform.db.Sql;
import org.civicast.platform.http.ApiException;
import org.civicast.platform.http.Change;
import org.civicast.platform.ids.Ids;

/**
 * Phone numbers, and their sharing down the tree. A number belongs to one organization; it joins
 * a 10DLC campaign or a toll-free verification of that same organization, never another's. An
 * ancestor may lend it to descendants, who then see it in their lists as {@code shared}.
 */
public final class PhoneNumberService {
    public static final List<String> STATUSES = List.of("active", "pending", "released");
    public static final List<String> OWNER_TYPES = List.of("campaign", "toll_free_registration", "short_code", "unassigned");

    /** The list filters; each null means "any". */
    public record Filter(String organizationId, String brandId, String campaignId, String channel,
                         String ownerType) {}

    private final Database db;
    private final OrganizationService organizations;
    private final Ids ids;
    private final Clock clock;
    private final CampaignService campaigns;
    private final TollFreeVerificationService tollFree;

    public PhoneNumberService(Database db, OrganizationService organizations, Ids ids, Clock clock,
                              CampaignService campaigns, TollFreeVerificationService tollFree) {
        this.db = db;
        this.organizations = organizations;
        this.ids = ids;
        this.clock = clock;
        this.campaigns = campaigns;
        this.tollFree = tollFree;
        organizations.deletionGuards().add(orgId -> db.read(h -> PhoneNumberStore.ownedAt(h, orgId))
                ? Optional.of("phone numbers") : Optional.empty());
        campaigns.deletionGuards().add(campaignId -> db.read(h -> PhoneNumberStore.inCampaign(h, campaignId))
                ? Optional.of("phone numbers") : Optional.empty());
        tollFree.numbersFrom(verificationIds -> db.read(h -> PhoneNumberStore.byTollFreeVerification(h, verificationIds)));
    }

    /**
     * Numbers owned in the key's subtree and numbers shared into it. With an organization, that
     * organization's own numbers and those shared with it.
     */
    public List<PhoneNumber> list(Principal principal, Filter filter) {
        if (filter.organizationId() != null) {
            organizations.requireReachable(principal, filter.organizationId());
            if (filter.brandId() != null) {
                campaigns.requireBrandInOrganization(principal, filter.brandId(), filter.organizationId());
            }
        }
        return db.read(h -> PhoneNumberStore.list(h, principal.subtree().like(), filter));
    }

    /** The number's owned row, if the key reaches its owner; else NOT_FOUND. */
    public PhoneNumber require(Principal principal, String id) {
        return db.read(h -> PhoneNumberStore.find(h, principal.subtree().like(), id)).orElseThrow(() -> notFound(id));
    }

    /** The number's owned row wherever it is, for work done for no key (the sending engine's plan). */
    public Optional<PhoneNumber> owned(String id) {
        return db.read(h -> PhoneNumberStore.find(h, "%", id));
    }

    /** Records a number the organization holds; it is active unless the request says otherwise. */
    public PhoneNumber create(Principal principal, String organizationId, String rawNumber, String channel,
                              PhoneNumberChanges request) {
        Organization org = organizations.target(principal, organizationId);
        String number = PhoneNumbers.normalise(rawNumber, channel);
        checkAssignments(principal, org.id(), channel, request);
        String id = ids.next("pn");
        PhoneNumberFields fields =
                request.applyTo(new PhoneNumberFields(org.id(), number, channel, "active", null, null));
        return db.tx(h -> {
            try {
                PhoneNumberStore.insert(h, id, fields, clock.instant());
            } catch (RuntimeException e) {
                throw Sql.isUniqueViolation(e, "phone_numbers_number_key") ? duplicate(number) : e;
            }
            return PhoneNumberStore.find(h, principal.subtree().like(), id).orElseThrow();
        });
    }

    /** Changes campaign_id, toll_free_verification_id (null detaches) and status, on the locked row. */
    public PhoneNumber update(Principal principal, String id, PhoneNumberChanges changes) {
        String like = principal.subtree().like();
        return db.tx(h -> {
            PhoneNumberFields current = PhoneNumberStore.lock(h, like, id).orElseThrow(() -> notFound(id));
            if (!changes.isEmpty()) {
                checkAssignments(principal, current.organizationId(), current.channel(), changes);
                PhoneNumberStore.update(h, id, changes.applyTo(current), clock.instant());
            }
            return PhoneNumberStore.find(h, like, id).orElseThrow();
        });
    }

    public Map<String, Object> delete(Principal principal, String id) {
        require(principal, id);
        return db.tx(h -> {
            PhoneNumberStore.delete(h, id);
            return Map.of("id", id, "deleted", true);
        });
    }

    /**
     * Lends the number to a strict descendant of its owner that the key reaches. Sharing again
     * keeps the original created_at and the nickname, unless the request sends one (null clears it).
     */
    public PhoneNumberShare share(Principal principal, String id, String organizationId, Change<String> nickname) {
        PhoneNumber number = require(principal, id);
        Organization owner = organizations.requireReachable(principal, number.orgId());
        Organization target = organizations.requireReachable(principal, organizationId);
        if (!target.path().startsWith(owner.path()) || target.path().equals(owner.path())) {
            throw ApiException.validation("organization_id",
                    "must be a descendant of the number's organization " + owner.id());
        }
        PhoneNumberShare share = new PhoneNumberShare(id, target.id(), nickname.or(null), clock.instant());
        return db.tx(h -> PhoneNumberStore.upsertShare(h, share, nickname.sent()));
    }

    public Map<String, Object> unshare(Principal principal, String id, String organizationId) {
        require(principal, id);
        boolean deleted = db.tx(h -> PhoneNumberStore.deleteShare(h, id, organizationId));
        if (!deleted) throw ApiException.notFound("Share of phone number " + id + " with organization " + organizationId);
        return Map.of("phone_number_id", id, "organization_id", organizationId, "deleted", true);
    }

    /** A campaign or toll-free verification being attached must be the number's organization's, on the right channel. */
    private void checkAssignments(Principal principal, String orgId, String channel, PhoneNumberChanges changes) {
        if (changes.campaignId().or(null) instanceof String campaignId) {
            Campaign campaign = campaigns.require(principal, campaignId);
            if (!campaign.orgId().equals(orgId)) {
                throw ApiException.validation("campaign_id", "belongs to another organization than the number");
            }
            if (!channel.equals(PhoneNumbers.TEN_DLC)) {
                throw ApiException.validation("campaign_id", "only 10dlc numbers join a campaign");
            }
        }
        if (changes.tollFreeVerificationId().or(null) instanceof String tfvId) {
            TollFreeVerificationDetail tfv = tollFree.require(principal, tfvId);
            if (!tfv.orgId().equals(orgId)) {
                throw ApiException.validation("toll_free_verification_id",
                        "belongs to another organization than the number");
            }
            if (!channel.equals(PhoneNumbers.TOLL_FREE)) {
                throw ApiException.validation("toll_free_verification_id",
                        "only toll-free numbers join a toll-free verification");
            }
        }
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("Phone number " + id);
    }

    private static ApiException duplicate(String number) {
        return ApiException.conflict("Phone number " + number + " already exists", "NUMBER_EXISTS");
    }
}
