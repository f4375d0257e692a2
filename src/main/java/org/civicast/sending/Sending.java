package org.civicast.sending;

import java.time.Clock;
import org.civicast.billing.UsageLedger;
import org.civicast.links.ShortLinks;
import org.civicast.platform.config.SendingSettings;
import org.civicast.platform.db.Database;
import org.civicast.platform.events.Events;
import org.civicast.platform.jobs.Jobs;
import org.civicast.sending.gateway.SmsGateway;

/** The sending engine put together: its jobs registered, the gateway's receipts recorded. */
public final class Sending {
    /** Dispatch jobs started for each send: how many batches are in a hand-off at once. */
    static final int DISPATCHERS = 4;

    private Sending() {}

    public static SendingService wire(Database db, Clock clock, Jobs jobs, SmsGateway gateway, Events events,
                                      UsageLedger usage, ShortLinks links, BroadcastSource broadcasts,
                                      SendingSettings settings) {
        gateway.listen(new ReceiptRecorder(db, events, clock));
        jobs.register(StartSendJob.KIND, new StartSendJob(db, broadcasts, jobs, clock, DISPATCHERS, settings.expiry()));
        // Dispatchers run in a lane of their own: a paced send holds one for hours. Stopping, they are
        // interrupted after a short grace: a batch cut short is taken over once its claim runs out.
        jobs.register(DispatchJob.KIND, new DispatchJob(db, broadcasts, gateway, events, usage, links, jobs,
                new Pacer(settings.pacing(), settings.numberSegmentsPerSecond()), clock),
                new Jobs.Lane("sending", settings.dispatchers(), java.time.Duration.ofSeconds(3)));
        jobs.register(ResumeJob.KIND, new ResumeJob(db, broadcasts, jobs));
        return new SendingService(db, jobs, clock);
    }
}
