package org.civicast.advocacy.submissions;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.civicast.advocacy.campaigns.Action;
import org.civicast.advocacy.campaigns.AdvocacyCampaign;
import org.civicast.advocacy.campaigns.AdvocacyCampaignService;
import org.civicast.advocacy.delivery.Deliveries;
import org.civicast.advocacy.delivery.Letter;
import org.civicast.platform.db.Database;
import org.civicast.platform.jobs.RecordingJobHandler;

/** The deliveries the background jobs send: each letter rebuilt from its submission, each outcome recorded. */
public final class SubmissionDeliveries implements Deliveries {
    private final Database db;
    private final AdvocacyCampaignService campaigns;
    private final Clock clock;

    public SubmissionDeliveries(Database db, AdvocacyCampaignService campaigns, Clock clock) {
        this.db = db;
        this.campaigns = campaigns;
        this.clock = clock;
    }

    @Override
    public Optional<Letter> pending(String deliveryId) {
        // The delivery, if still open, its submission and its campaign's version in one query; the
        // campaign itself is read only when this instance has not kept that version.
        return db.read(h -> SubmissionStore.openDelivery(h, deliveryId)).flatMap(this::letter);
    }

    @Override
    public List<Letter> pendingOf(String submissionId) {
        List<Letter> letters = new ArrayList<>();
        for (SubmissionStore.OpenDelivery open : db.read(h -> SubmissionStore.openDeliveries(h, submissionId))) {
            letter(open).ifPresent(letters::add);
        }
        return letters;
    }

    private Optional<Letter> letter(SubmissionStore.OpenDelivery open) {
        SubmissionStore.DeliveryRow d = open.delivery();
        SubmissionStore.Row s = open.submission();
        Optional<AdvocacyCampaign> campaign = campaigns.byIdAt(s.campaignId(), open.campaignVersion());
        Optional<Action> action = campaign.flatMap(c -> c.action(s.actionType()));
        if (action.isEmpty()) return Optional.empty();
        return Optional.of(Letters.of(d.id(), campaign.get(), action.get(), s.supporter(),
                Letters.office(d.bioguide(), d.officeCode(), d.chamber(), d.targetName(), d.targetEmail())));
    }

    @Override
    public RecordingJobHandler.Outcome delivered(String deliveryId, String channel, String receipt) {
        return finish(deliveryId, "delivered", channel, receipt, null);
    }

    @Override
    public RecordingJobHandler.Outcome refused(String deliveryId, String channel, String reason) {
        return finish(deliveryId, "failed", channel, null, reason);
    }

    @Override
    public RecordingJobHandler.Outcome undeliverable(String deliveryId, String reason) {
        return finish(deliveryId, "undeliverable_no_route", null, null, reason);
    }

    @Override
    public void markFailed(String deliveryId, String channel, String reason, boolean permanent) {
        // A temporary failure stays open for the job's next attempt; a refusal is final.
        recordNow(finish(deliveryId, "failed", channel, null, (permanent ? "" : "will retry: ") + reason));
    }

    @Override
    public RecordingJobHandler.Outcome together(List<RecordingJobHandler.Outcome> outcomes) {
        // A letter's offices' outcomes are one UPDATE, not one per office; anything else is written in turn.
        if (outcomes.size() < 2 || !outcomes.stream().allMatch(o -> o instanceof Finish)) {
            return Deliveries.super.together(outcomes);
        }
        List<SubmissionStore.Finish> rows = outcomes.stream().map(o -> ((Finish) o).row()).toList();
        return h -> SubmissionStore.finishAll(h, rows, clock.instant());
    }

    @Override
    public void recordNow(RecordingJobHandler.Outcome outcome) {
        db.tx(h -> {
            outcome.record(h);
            return null;
        });
    }

    private Finish finish(String id, String status, String channel, String receipt, String reason) {
        return new Finish(new SubmissionStore.Finish(id, status, channel, receipt, reason), clock);
    }

    /** One delivery's outcome, kept as data so that several can be written by one statement. */
    private record Finish(SubmissionStore.Finish row, Clock clock) implements RecordingJobHandler.Outcome {
        @Override
        public void record(org.jdbi.v3.core.Handle h) {
            SubmissionStore.finish(h, row.id(), row.status(), row.channel(), row.receipt(), row.reason(), clock.instant());
        }
    }
}
