package org.civicast.advocacy.submissions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.civicast.advocacy.campaigns.Action;
import org.civicast.advocacy.campaigns.ActionType;
import org.civicast.advocacy.campaigns.AdvocacyCampaign;
import org.civicast.advocacy.campaigns.AdvocacyCampaignService;
import org.civicast.advocacy.campaigns.CampaignTargets;
import org.civicast.advocacy.delivery.DeliveryJob;
import org.civicast.advocacy.delivery.Office;
import org.civicast.congress.CongressService;
import org.civicast.congress.District;
import org.civicast.congress.Member;
import org.civicast.congress.ZipLookup;
import org.civicast.platform.auth.Principal;
import org.civicast.platform.db.Database;
import org.civicast.platform.http.ApiException;
import org.civicast.platform.http.ErrorCode;
import org.civicast.platform.ids.Ids;
import org.civicast.platform.jobs.Jobs;

/**
 * A supporter acting on a campaign: their targets found from their address, each office asked
 * only for what it needs (202 with the fields, then the same submission posted again), and once
 * nothing is missing one delivery per office queued as background work in the same transaction.
 */
public final class SubmissionService {
    /** What the API answers: 200 (a repeat, or a dry run), 201 (complete) or 202 (more is needed). */
    public record Outcome(int status, Map<String, Object> body) {}

    private final Database db;
    private final AdvocacyCampaignService campaigns;
    private final CongressService congress;
    private final CampaignTargets targets;
    private final OfficeNeeds needs;
    private final Jobs jobs;
    private final Ids ids;
    private final Clock clock;
    private final Duration repeatWindow;

    public SubmissionService(Database db, AdvocacyCampaignService campaigns, CongressService congress,
                             org.civicast.advocacy.delivery.ChannelChooser channels, Jobs jobs, Ids ids, Clock clock,
                             Duration repeatWindow) {
        this.db = db;
        this.campaigns = campaigns;
        this.congress = congress;
        this.targets = new CampaignTargets(congress);
        this.needs = new OfficeNeeds(channels, congress);
        this.jobs = jobs;
        this.ids = ids;
        this.clock = clock;
        this.repeatWindow = repeatWindow;
    }

    /** One target office with what it still needs (empty when the letter can go). */
    private record Target(Office office, List<Need> needs) {}

    public Outcome submit(Principal principal, String campaignId, String actionType, Map<String, String> form) {
        AdvocacyCampaign campaign = campaigns.require(principal, campaignId);
        Action action = campaign.action(actionType).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND,
                "Campaign " + campaignId + " has no " + actionType + " action"));
        if (!"active".equals(campaign.status())) {
            throw ApiException.validation("campaign", "is closed and takes no more actions");
        }
        Map<String, String> sent = new LinkedHashMap<>(form);
        String resubmitted = sent.remove("id");
        boolean dryRun = "no_delivery".equals(sent.remove("mode"));
        SubmissionStore.Row pending = resubmitted == null ? null : pendingSubmission(principal, resubmitted, campaign, action);
        Supporter supporter = pending == null ? new Supporter(sent) : pending.supporter().with(sent);
        SupporterChecks.require(action, supporter);

        if (!dryRun) {
            Optional<SubmissionStore.Row> repeat = db.read(h -> SubmissionStore.repeated(h, campaign.id(), action.type(),
                    supporter.email(), clock.instant().minus(repeatWindow)));
            if (repeat.isPresent()) return new Outcome(200, answer(repeat.get(), true));
        }
        List<District> districts = List.of();
        if (action.targetRule().byAddress()) {
            ZipLookup zip = congress.lookup(supporter.get("zipcode"));
            if (!zip.found()) throw ApiException.validation("zipcode", "is not a ZIP code any congressional district covers");
            districts = districtsOf(zip, supporter);
            if (districts.size() > 1) {
                String id = pending != null ? pending.id() : ids.next("sub");
                if (!dryRun) savePending(id, principal, campaign, action, supporter);
                return new Outcome(202, needsDistrict(id, zip, districts, action));
            }
        }
        List<Target> offices = offices(campaign, action, supporter, districts);
        boolean incomplete = offices.stream().anyMatch(t -> !t.needs().isEmpty());
        String id = pending != null ? pending.id() : ids.next("sub");
        if (incomplete) {
            if (!dryRun) savePending(id, principal, campaign, action, supporter);
            return new Outcome(202, needsFields(id, offices));
        }
        if (dryRun) return new Outcome(200, dryRunAnswer(campaign, action, offices));
        return db.tx(h -> {
            h.execute("SELECT pg_advisory_xact_lock(hashtext(?))",
                    campaign.id() + "|" + action.type() + "|" + supporter.email().toLowerCase(java.util.Locale.ROOT));
            Optional<SubmissionStore.Row> repeat = SubmissionStore.repeated(h, campaign.id(), action.type(),
                    supporter.email(), clock.instant().minus(repeatWindow));
            if (repeat.isPresent()) return new Outcome(200, answer(repeat.get(), true));
            // PostgreSQL keeps microseconds: the answer below shows the instant exactly as stored.
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            SubmissionStore.save(h, new SubmissionStore.Row(id, principal.organizationId(), campaign.id(),
                    action.type(), "complete", supporter, null, now), now);
            rememberTopicChoices(h, campaign, supporter, offices);
            List<SubmissionStore.DeliveryRow> queued = new ArrayList<>();
            if (action.actionType() == ActionType.LETTER || action.targetRule() == org.civicast.advocacy.campaigns.TargetRule.CUSTOM) {
                for (Target t : offices) {
                    Office o = t.office();
                    queued.add(new SubmissionStore.DeliveryRow(ids.next("dlv"), id, o.bioguideId(), o.officeCode(),
                            o.chamber().name(), o.label(), o.email(), "queued", null, null));
                }
                SubmissionStore.insertDeliveries(h, queued, now);
                for (SubmissionStore.DeliveryRow d : queued) jobs.enqueue(DeliveryJob.KIND, DeliveryJob.payload(d.id()));
            }
            // Answered from what was just written rather than read back (a completed 202 keeps its first
            // created_at, as the upsert does); deliveries in id order, as SubmissionStore.deliveries gives them.
            SubmissionStore.Row saved = new SubmissionStore.Row(id, principal.organizationId(), campaign.id(),
                    action.type(), "complete", supporter, null,
                    pending != null ? pending.createdAt() : now);
            queued.sort(java.util.Comparator.comparing(SubmissionStore.DeliveryRow::id));
            return new Outcome(201, answer(saved, false, queued));
        });
    }

    /** The submission's pending state, to be completed by this post; any other id is a bad URL's worth: 404. */
    private SubmissionStore.Row pendingSubmission(Principal principal, String id, AdvocacyCampaign c, Action a) {
        return db.read(h -> SubmissionStore.find(h, principal.subtree().like(), id))
                .filter(r -> r.campaignId().equals(c.id()) && r.actionType().equals(a.type()) && r.status().equals("pending"))
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND,
                        "No pending submission " + id + " of this campaign's " + a.type() + " action"));
    }

    /** The districts the supporter may be in: all the ZIP's, narrowed by a district they chose among them. */
    private static List<District> districtsOf(ZipLookup zip, Supporter s) {
        if (zip.unambiguous() || s.get("district") == null) return zip.districts();
        District chosen;
        try {
            chosen = District.parse(s.get("district"));
        } catch (IllegalArgumentException e) {
            throw ApiException.validation("district", "must be one of " + zip.districts().stream().map(District::code).toList());
        }
        if (!zip.districts().contains(chosen)) {
            throw ApiException.validation("district", "must be one of " + zip.districts().stream().map(District::code).toList());
        }
        return List.of(chosen);
    }

    private List<Target> offices(AdvocacyCampaign campaign, Action action, Supporter s, List<District> districts) {
        List<Target> offices = new ArrayList<>();
        if (action.actionType() != ActionType.LETTER) {
            for (Action.CustomTarget t : action.customTargets()) {
                offices.add(new Target(Letters.office(null, null, "OTHER", t.name(), t.email()), List.of()));
            }
            return offices;
        }
        List<Member> members = targets.members(action, districts);
        // The campaign's topic choices for all these offices in one query, not one per office.
        Map<String, String> topics = members.isEmpty() ? Map.of()
                : db.read(h -> SubmissionStore.topicChoices(h, campaign.id(), members.stream().map(Member::bioguide).toList()));
        for (Member m : members) {
            Office office = Letters.office(m.bioguide(), m.officeCode(), m.chamber().name(), m.displayName(), null);
            Optional<String> topic = Optional.ofNullable(topics.get(m.bioguide()));
            offices.add(new Target(office, needs.of(Letters.of("check", campaign, action, s, office), s, topic)));
        }
        for (Action.CustomTarget t : action.customTargets()) {
            Office office = Letters.office(null, null, "OTHER", t.name(), t.email());
            offices.add(new Target(office, needs.of(Letters.of("check", campaign, action, s, office), s, Optional.empty())));
        }
        return offices;
    }

    private void savePending(String id, Principal principal, AdvocacyCampaign c, Action a, Supporter s) {
        db.tx(h -> {
            SubmissionStore.save(h, new SubmissionStore.Row(id, principal.organizationId(), c.id(), a.type(), "pending",
                    s, null, clock.instant()), clock.instant());
            return null;
        });
    }

    /** A topic a supporter picked from an office's list becomes the campaign's choice for that office. */
    private static void rememberTopicChoices(org.jdbi.v3.core.Handle h, AdvocacyCampaign c, Supporter s, List<Target> offices) {
        for (Target t : offices) {
            String bioguide = t.office().bioguideId();
            if (bioguide != null && s.get(OfficeNeeds.topicField(bioguide)) != null) {
                SubmissionStore.chooseTopic(h, c.id(), bioguide, s.get(OfficeNeeds.topicField(bioguide)));
            }
        }
    }

    private Map<String, Object> needsDistrict(String id, ZipLookup zip, List<District> districts, Action action) {
        List<Map<String, Object>> candidates = new ArrayList<>();
        for (District d : districts) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("district", d.code());
            c.put("targets", targets.members(action, List.of(d)).stream().map(Member::displayName).toList());
            candidates.add(c);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("status", "needs_information");
        body.put("message", "ZIP code " + zip.zip() + " spans " + districts.size()
                + " congressional districts: post again with this id and the supporter's district");
        body.put("fields", List.of(new Need("district", true, districts.stream().map(District::code).toList())));
        body.put("candidates", candidates);
        return body;
    }

    private static Map<String, Object> needsFields(String id, List<Target> offices) {
        Map<String, Need> all = new LinkedHashMap<>();
        List<Map<String, Object>> perTarget = new ArrayList<>();
        for (Target t : offices) {
            if (t.needs().isEmpty()) continue;
            t.needs().forEach(n -> all.putIfAbsent(n.field(), n));
            perTarget.add(Map.of("target", targetView(t.office()), "fields", t.needs()));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("status", "needs_information");
        body.put("message", "Some offices need more before the letter can go: post again with this id and these fields");
        body.put("fields", new ArrayList<>(all.values()));
        body.put("targets", perTarget);
        return body;
    }

    private static Map<String, Object> dryRunAnswer(AdvocacyCampaign c, Action a, List<Target> offices) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "validated");
        body.put("mode", "no_delivery");
        body.put("campaignId", c.id());
        body.put("actionType", a.type());
        body.put("targets", offices.stream().map(t -> targetView(t.office())).toList());
        return body;
    }

    private Map<String, Object> answer(SubmissionStore.Row row, boolean repeated) {
        return answer(row, repeated, db.read(h -> SubmissionStore.deliveries(h, row.id())));
    }

    private static Map<String, Object> answer(SubmissionStore.Row row, boolean repeated,
                                              List<SubmissionStore.DeliveryRow> rows) {
        List<Map<String, Object>> deliveries = new ArrayList<>();
        for (SubmissionStore.DeliveryRow d : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", d.id());
            m.put("target", Map.of("name", d.targetName(), "officeCode", String.valueOf(d.officeCode()),
                    "bioguideId", String.valueOf(d.bioguide())));
            m.put("status", d.status());
            deliveries.add(m);
        }
        Supporter s = row.supporter();
        Map<String, Object> supporter = new LinkedHashMap<>();
        supporter.put("id", row.supporterId());
        supporter.put("firstName", s.get("firstname"));
        supporter.put("lastName", s.get("lastname"));
        supporter.put("email", s.email());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", row.id());
        body.put("status", row.status());
        if (repeated) body.put("repeated", true);
        body.put("campaignId", row.campaignId());
        body.put("actionType", row.actionType());
        body.put("supporter", supporter);
        body.put("deliveries", deliveries);
        body.put("createdAt", row.createdAt());
        return body;
    }

    private static Map<String, Object> targetView(Office o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", o.label());
        if (o.bioguideId() != null) m.put("bioguideId", o.bioguideId());
        if (o.officeCode() != null) m.put("officeCode", o.officeCode());
        m.put("chamber", o.chamber().name().toLowerCase(java.util.Locale.ROOT));
        return m;
    }
}
