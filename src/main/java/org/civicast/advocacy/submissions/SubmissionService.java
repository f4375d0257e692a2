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
import org.civicast.advocacy.delivery.LetterDeliveryJob;
import org.civicast.advocacy.supporters.SupporterService;
import org.civicast.advocacy.delivery.Office;
import org.civicast.congress.CongressService;
import org.civicast.congress.District;
import org.civicast.congress.ZipLookup;
import org.civicast.congress.geocoding.Address;
import org.civicast.congress.geocoding.Geocoder;
import org.civicast.congress.geocoding.GeocoderUnavailable;
import org.civicast.platform.auth.Principal;
import org.civicast.platform.db.Database;
import org.civicast.platform.http.ApiException;
import org.civicast.platform.http.ErrorCode;
import org.civicast.platform.ids.Ids;
import org.civicast.platform.jobs.JobInsert;
import org.civicast.platform.jobs.Jobs;

/**
 * A supporter acting on a campaign: their targets found from their address, each office asked
 * only for what it needs (202 with the fields, then the same submission posted again), and once
 * nothing is missing one delivery per office queued, with one background job to make them, in the
 * same statement.
 */
public final class SubmissionService {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SubmissionService.class);

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
    private final Geocoder geocoder;
    private final SupporterService supporters;
    private final org.civicast.advocacy.delivery.ChannelChooser channels;
    private final SubmissionAnswers answers;
    private final TopicChoices topicChoices;

    public SubmissionService(Database db, AdvocacyCampaignService campaigns, CongressService congress,
                             org.civicast.advocacy.delivery.ChannelChooser channels, Jobs jobs, Ids ids, Clock clock,
                             Duration repeatWindow, Geocoder geocoder, SupporterService supporters) {
        this.supporters = supporters;
        this.channels = channels;
        this.geocoder = geocoder;
        this.answers = new SubmissionAnswers(db, new CampaignTargets(congress));
        this.topicChoices = new TopicChoices(db);
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


    /**
     * One transaction for the whole submission (it joins the request's): the lock taken before the
     * repeat check below is held until the letter is written.
     */
    public Outcome submit(Principal principal, String campaignId, String actionType, Map<String, String> form) {
        return db.tx(h -> submitInTransaction(principal, campaignId, actionType, form));
    }

    private Outcome submitInTransaction(Principal principal, String campaignId, String actionType,
                                        Map<String, String> form) {
        // A first post names its email: its lock comes with the campaign's row, a round trip less.
        String earlyLock = form.containsKey("id") || "no_delivery".equals(form.get("mode")) ? null
                : lockKey(campaignId, actionType, new Submitted(form).email());
        AdvocacyCampaign campaign = campaigns.requireLocking(principal, campaignId, earlyLock);
        Action action = campaign.action(actionType).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND,
                "Campaign " + campaignId + " has no " + actionType + " action"));
        if (!"active".equals(campaign.status())) {
            throw ApiException.validation("campaign", "is closed and takes no more actions");
        }
        Map<String, String> sent = new LinkedHashMap<>(form);
        String resubmitted = sent.remove("id");
        boolean dryRun = "no_delivery".equals(sent.remove("mode"));
        SubmissionStore.Row pending = resubmitted == null ? null : pendingSubmission(principal, resubmitted, campaign, action);
        if (pending != null && pending.status().equals("complete")) return new Outcome(200, answers.submission(pending, true));
        Submitted supporter = pending == null ? new Submitted(sent) : pending.supporter().with(sent);
        SupporterChecks.require(action, supporter);

        if (!dryRun) {
            // Two posts by one supporter take turns from here to the commit, so the second sees the first's
            // letter. The lock comes in an earlier statement than the read (the campaign's, or its own): a
            // read in the same statement would use a snapshot taken before the wait and miss the letter it
            // waited for.
            String lock = lockKey(campaign.id(), action.type(), supporter.email());
            Optional<SubmissionStore.Row> repeat = db.read(h -> {
                if (!lock.equals(earlyLock)) h.execute("SELECT pg_advisory_xact_lock(hashtext(?))", lock);
                return SubmissionStore.repeated(h, campaign.id(), action.type(), supporter.email(),
                        clock.instant().minus(repeatWindow));
            });
            if (repeat.isPresent()) return new Outcome(200, answers.submission(repeat.get(), true));
        }
        List<District> districts = List.of();
        if (action.targetRule().byAddress()) {
            ZipLookup zip = congress.lookup(supporter.get("zipcode"));
            if (!zip.found()) throw ApiException.validation("zipcode", "is not a ZIP code any congressional district covers");
            districts = districtsOf(zip, supporter);
            if (districts.size() > 1) {
                String id = pending != null ? pending.id() : ids.next("sub");
                if (!dryRun) savePending(id, principal, campaign, action, supporter);
                return new Outcome(202, answers.needsDistrict(id, zip, districts, action));
            }
        }
        List<SubmissionAnswers.Target> offices = offices(campaign, action, supporter, districts);
        boolean incomplete = offices.stream().anyMatch(t -> !t.needs().isEmpty());
        String id = pending != null ? pending.id() : ids.next("sub");
        if (incomplete) {
            if (!dryRun) savePending(id, principal, campaign, action, supporter);
            return new Outcome(202, SubmissionAnswers.needsFields(id, offices));
        }
        if (dryRun) return new Outcome(200, SubmissionAnswers.dryRun(campaign, action, offices, checks(campaign, action, supporter, offices)));
        return db.tx(h -> {
            if (pending != null) {
                SubmissionStore.Row current = SubmissionStore.lock(h, pending.id()).orElseThrow();
                // Another post completed it while this one resolved its targets: it answers for both.
                if (!current.status().equals("pending")) return new Outcome(200, answers.submission(current, true));
            }
            // PostgreSQL keeps microseconds: the answer below shows the instant exactly as stored.
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            String supporterId = supporters.upsertIdByEmail(principal.organizationId(), SupporterRecord.of(supporter));
            List<SubmissionStore.DeliveryRow> queued = new ArrayList<>();
            if (action.actionType() == ActionType.LETTER || action.targetRule() == org.civicast.advocacy.campaigns.TargetRule.CUSTOM) {
                for (SubmissionAnswers.Target t : offices) {
                    Office o = t.office();
                    queued.add(new SubmissionStore.DeliveryRow(ids.next("dlv"), id, o.bioguideId(), o.officeCode(),
                            o.chamber().name(), o.label(), o.email(), "queued", null, null));
                }
            }
            JobInsert delivery = queued.isEmpty() ? null : jobs.toInsert(LetterDeliveryJob.KIND, LetterDeliveryJob.payload(id));
            SubmissionStore.saveComplete(h, new SubmissionStore.Row(id, principal.organizationId(), campaign.id(),
                    action.type(), "complete", supporter, supporterId, now), queued, delivery, now);
            rememberTopicChoices(h, campaign, supporter, offices);
            // Answered from what was just written rather than read back (a completed 202 keeps its first
            // created_at, as the upsert does); deliveries in id order, as SubmissionStore.deliveries gives them.
            SubmissionStore.Row saved = new SubmissionStore.Row(id, principal.organizationId(), campaign.id(),
                    action.type(), "complete", supporter, supporterId,
                    pending != null ? pending.createdAt() : now);
            queued.sort(java.util.Comparator.comparing(SubmissionStore.DeliveryRow::id));
            return new Outcome(201, answers.submission(saved, false, queued));
        });
    }

    /** What two posts of one supporter's action lock, to take turns; null without an email. */
    private static String lockKey(String campaignId, String actionType, String email) {
        return email == null ? null : campaignId + "|" + actionType + "|" + email.toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * A dry run's word from each office's channel: House CWC checks the very letter on its
     * {@code /v2/validate}; other channels have no such check and say so.
     */
    private List<String> checks(AdvocacyCampaign campaign, Action action, Submitted s, List<SubmissionAnswers.Target> offices) {
        List<String> checks = new java.util.ArrayList<>();
        for (SubmissionAnswers.Target t : offices) {
            org.civicast.advocacy.delivery.DeliveryChannel channel = channels.choose(t.office());
            if (channel instanceof org.civicast.advocacy.delivery.CwcHouseChannel house) {
                checks.add(switch (house.validate(Letters.of(ids.next("dry"), campaign, action, s, t.office()))) {
                    case org.civicast.advocacy.delivery.DeliveryResult.Delivered d -> "accepted by CWC validation";
                    case org.civicast.advocacy.delivery.DeliveryResult.Rejected r -> "refused by CWC validation: " + r.reason();
                    case org.civicast.advocacy.delivery.DeliveryResult.FailedTemporarily f -> "CWC validation unavailable: " + f.reason();
                    case org.civicast.advocacy.delivery.DeliveryResult.NoRoute n -> "no route: " + n.reason();
                });
            } else {
                checks.add("would go by " + channel.name() + "; it has no dry-run check");
            }
        }
        return checks;
    }

    /**
     * The submission this post continues: its pending state to complete, or, when a post before it
     * completed it already (a double submit), that outcome; any other id is a bad URL's worth: 404.
     */
    private SubmissionStore.Row pendingSubmission(Principal principal, String id, AdvocacyCampaign c, Action a) {
        return db.read(h -> SubmissionStore.find(h, principal.subtree().like(), id))
                .filter(r -> r.campaignId().equals(c.id()) && r.actionType().equals(a.type()))
                .filter(r -> r.status().equals("pending") || r.status().equals("complete"))
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND,
                        "No pending submission " + id + " of this campaign's " + a.type() + " action"));
    }

    /**
     * The districts the supporter may be in: the ZIP's one; else the one the geocoder places their
     * street address in (when it is among the ZIP's); else the one they chose; else all candidates.
     */
    private List<District> districtsOf(ZipLookup zip, Submitted s) {
        if (zip.unambiguous()) return zip.districts();
        if (s.get("district") == null) {
            try {
                Optional<District> placed = geocoder.district(
                        new Address(s.get("street"), s.get("city"), s.get("state"), s.get("zipcode")));
                if (placed.isPresent() && zip.districts().contains(placed.get())) return List.of(placed.get());
            } catch (GeocoderUnavailable e) {
                log.warn("The geocoder gave no answer ({}); asking the supporter for the district", e.getMessage());
            }
            return zip.districts();
        }
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

    private List<SubmissionAnswers.Target> offices(AdvocacyCampaign campaign, Action action, Submitted s, List<District> districts) {
        List<SubmissionAnswers.Target> offices = new ArrayList<>();
        if (action.actionType() != ActionType.LETTER) {
            for (Action.CustomTarget t : action.customTargets()) {
                offices.add(new SubmissionAnswers.Target(Letters.office(null, null, "OTHER", t.name(), t.email()), List.of()));
            }
            return offices;
        }
        List<Office> memberOffices = targets.members(action, districts).stream()
                .map(m -> Letters.office(m.bioguide(), m.officeCode(), m.chamber().name(), m.displayName(), null))
                .toList();
        // The campaign's topic choices for the offices that use one, in one query at most.
        List<String> choosing = memberOffices.stream().filter(needs::usesTopicChoice).map(Office::bioguideId).toList();
        Map<String, String> topics = choosing.isEmpty() ? Map.of() : topicChoices.of(campaign.id(), choosing);
        for (Office office : memberOffices) {
            Optional<String> topic = Optional.ofNullable(topics.get(office.bioguideId()));
            offices.add(new SubmissionAnswers.Target(office, needs.of(Letters.of("check", campaign, action, s, office), s, topic)));
        }
        for (Action.CustomTarget t : action.customTargets()) {
            Office office = Letters.office(null, null, "OTHER", t.name(), t.email());
            offices.add(new SubmissionAnswers.Target(office, needs.of(Letters.of("check", campaign, action, s, office), s, Optional.empty())));
        }
        return offices;
    }

    private void savePending(String id, Principal principal, AdvocacyCampaign c, Action a, Submitted s) {
        db.tx(h -> {
            SubmissionStore.save(h, new SubmissionStore.Row(id, principal.organizationId(), c.id(), a.type(), "pending",
                    s, null, clock.instant()), clock.instant());
            return null;
        });
    }

    /** A topic a supporter picked from an office's list becomes the campaign's choice for that office. */
    private static void rememberTopicChoices(org.jdbi.v3.core.Handle h, AdvocacyCampaign c, Submitted s, List<SubmissionAnswers.Target> offices) {
        for (SubmissionAnswers.Target t : offices) {
            String bioguide = t.office().bioguideId();
            if (bioguide != null && s.get(OfficeNeeds.topicField(bioguide)) != null) {
                SubmissionStore.chooseTopic(h, c.id(), bioguide, s.get(OfficeNeeds.topicField(bioguide)));
            }
        }
    }
}
