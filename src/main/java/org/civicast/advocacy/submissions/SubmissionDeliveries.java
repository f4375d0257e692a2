package org.civicast.advocacy.submissions;

import java.time.Clock;
import java.util.Optional;
import org.civicast.advocacy.campaigns.Action;
import org.civicast.advocacy.campaigns.AdvocacyCampaign;
import org.civicast.advocacy.campaigns.AdvocacyCampaignService;
import org.civicast.advocacy.delivery.Deliveries;
import org.civicast.advocacy.delivery.Letter;
import org.civicast.platform.db.Database;
import org.civicast.platform.jobs.RecordingJobHandler;

/** The deliveries the background job sends: each letter rebuilt from its submission, each outcome recorded. */
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
        return db.read(h -> SubmissionStore.openDelivery(h, deliveryId)).flatMap(open -> {
            SubmissionStore.DeliveryRow d = open.delivery();
            SubmissionStore.Row s = open.submission();
            Optional<AdvocacyCampaign> campaign = campaigns.byIdAt(s.campaignId(), open.campaignVersion());
            Optional<Action> action = campaign.flatMap(c -> c.action(s.actionType()));
            if (action.isEmpty()) return Optional.empty();
            return Optional.of(Letters.of(d.id(), campaign.get(), action.get(), s.supporter(),
                    Letters.office(d.bioguide(), d.officeCode(), d.chamber(), d.targetName(), d.targetEmail())));
        });
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
        RecordingJobHandler.Outcome failed = finish(deliveryId, "failed", channel, null, (permanent ? "" : "will retry: ") + reason);
        db.tx(h -> {
            failed.record(h);
            return null;
        });
    }

    private RecordingJobHandler.Outcome finish(String id, String status, String channel, String receipt, String reason) {
        return h -> SubmissionStore.finish(h, id, status, channel, receipt, reason, clock.instant());
    }
}
