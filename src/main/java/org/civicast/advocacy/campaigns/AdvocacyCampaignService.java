package org.civicast.advocacy.campaigns;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.civicast.congress.CongressService;
import org.civicast.orgs.Organization;
import org.civicast.orgs.OrganizationService;
import org.civicast.platform.auth.Principal;
import org.civicast.platform.db.Database;
import org.civicast.platform.http.ApiException;
import org.civicast.platform.ids.Ids;

/**
 * Advocacy campaigns: authored with an API key (the dashboard's way), read and acted on by
 * supporters through the Rally-compatible API. A key or account sees its own subtree's campaigns.
 */
public final class AdvocacyCampaignService {
    private final Database db;
    private final OrganizationService organizations;
    private final CongressService congress;
    private final Ids ids;
    private final Clock clock;
    private final RecentCampaigns recent = new RecentCampaigns();

    public AdvocacyCampaignService(Database db, OrganizationService organizations, CongressService congress, Ids ids,
                                   Clock clock) {
        this.db = db;
        this.organizations = organizations;
        this.congress = congress;
        this.ids = ids;
        this.clock = clock;
        organizations.deletionGuards().add(orgId -> db.read(h -> AdvocacyCampaignStore.existAt(h, orgId))
                ? Optional.of("advocacy campaigns") : Optional.empty());
    }

    /** One page of the subtree's campaigns, and how many there are in all. */
    public record Page(List<AdvocacyCampaign> campaigns, long total) {}

    public Page list(Principal principal, String status, int offset, int limit) {
        String like = principal.subtree().like();
        return db.read(h -> new Page(AdvocacyCampaignStore.list(h, like, status, offset, limit),
                AdvocacyCampaignStore.count(h, like, status)));
    }

    public AdvocacyCampaign require(Principal principal, String id) {
        return requireLocking(principal, id, null);
    }

    /**
     * As {@link #require}, and in the same statement the caller's transaction takes the advisory
     * lock {@code lockKey} (none when null): one round trip where a lock of its own took two. The
     * lock is taken only when the campaign is found; statements after it see what the lock's
     * previous holder committed.
     */
    public AdvocacyCampaign requireLocking(Principal principal, String id, String lockKey) {
        AdvocacyCampaignStore.Versioned kept = recent.any(id);
        AdvocacyCampaignStore.Versioned read = db.read(h -> AdvocacyCampaignStore.findUnlessKept(h,
                principal.subtree().like(), id, kept, lockKey)).orElseThrow(() -> ApiException.notFound("Campaign " + id));
        if (read != kept) recent.put(read);
        return read.campaign();
    }

    /** A campaign by id alone, for background work acting on what a caller was already allowed to do. */
    public Optional<AdvocacyCampaign> byId(String id) {
        return db.read(h -> AdvocacyCampaignStore.find(h, "%", id));
    }

    /**
     * As {@link #byId}, for a caller that read the campaign's {@code version} column with its own
     * rows: the campaign as kept in memory when it is of that version, else read (and kept).
     */
    public Optional<AdvocacyCampaign> byIdAt(String id, long version) {
        AdvocacyCampaign kept = recent.get(id, version);
        if (kept != null) return Optional.of(kept);
        return db.read(h -> AdvocacyCampaignStore.findVersioned(h, id)).map(v -> {
            recent.put(v);
            return v.campaign();
        });
    }

    public AdvocacyCampaign create(Principal principal, String organizationId, CampaignFields fields) {
        Organization org = organizations.target(principal, organizationId);
        check(fields);
        String id = ids.next("adv");
        return db.tx(h -> {
            AdvocacyCampaignStore.insert(h, id, org.id(), fields, clock.instant());
            return AdvocacyCampaignStore.find(h, principal.subtree().like(), id).orElseThrow();
        });
    }

    /** Replaces the fields a PATCH sends (actions as a whole list) on the campaign as it stands, locked. */
    public AdvocacyCampaign update(Principal principal, String id, java.util.function.UnaryOperator<CampaignFields> change) {
        String like = principal.subtree().like();
        return db.tx(h -> {
            AdvocacyCampaign current = AdvocacyCampaignStore.lock(h, like, id)
                    .orElseThrow(() -> ApiException.notFound("Campaign " + id));
            CampaignFields updated = change.apply(new CampaignFields(current.name(), current.title(),
                    current.description(), current.topic(), current.status(), current.actions()));
            check(updated);
            AdvocacyCampaignStore.update(h, id, updated, clock.instant());
            return AdvocacyCampaignStore.find(h, like, id).orElseThrow();
        });
    }

    public Map<String, Object> delete(Principal principal, String id) {
        require(principal, id);
        db.tx(h -> {
            AdvocacyCampaignStore.delete(h, id);
            return null;
        });
        return Map.of("id", id, "deleted", true);
    }

    /** The rules the request schema cannot state: one action per kind, targets that exist, letters where needed. */
    private void check(CampaignFields f) {
        List<ApiException.FieldIssue> issues = new ArrayList<>();
        Set<ActionType> seen = EnumSet.noneOf(ActionType.class);
        for (int i = 0; i < f.actions().size(); i++) {
            Action a = f.actions().get(i);
            String at = "actions[" + i + "].";
            if (!seen.add(a.actionType())) issues.add(new ApiException.FieldIssue(at + "type", "appears twice"));
            TargetRule rule = a.targetRule();
            if (rule == TargetRule.MEMBERS && a.members().isEmpty()) {
                issues.add(new ApiException.FieldIssue(at + "members", "must name at least one member for targets=members"));
            }
            for (String bioguide : a.members()) {
                if (congress.member(bioguide).isEmpty()) {
                    issues.add(new ApiException.FieldIssue(at + "members", bioguide + " is not a sitting member of Congress"));
                }
            }
            if (rule == TargetRule.CUSTOM && a.customTargets().isEmpty()) {
                issues.add(new ApiException.FieldIssue(at + "custom_targets", "must name at least one target for targets=custom"));
            }
            if (a.actionType() == ActionType.LETTER && a.letters().isEmpty()) {
                issues.add(new ApiException.FieldIssue(at + "message", "a letter action needs a sample letter"));
            }
            if (a.actionType() == ActionType.PETITION && rule != TargetRule.NONE && rule != TargetRule.CUSTOM) {
                issues.add(new ApiException.FieldIssue(at + "targets", "a petition records signatures (none) or goes to custom targets"));
            }
        }
        if (!issues.isEmpty()) throw ApiException.validation(issues);
    }
}
