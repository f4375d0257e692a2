package org.civicast.sending;

import java.time.Clock;
import org.civicast.billing.UsageLedger;
import org.civicast.links.ShortLinks;
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
                                      UsageLedger usage, ShortLinks links, BroadcastSource broadcasts) {
        gateway.listen(new ReceiptRecorder(db, events, clock));
        jobs.register(StartSendJob.KIND, new StartSendJob(db, broadcasts, jobs, clock, DISPATCHERS));
        jobs.register(DispatchJob.KIND, new DispatchJob(db, broadcasts, gateway, events, usage, links, clock));
        return new SendingService(db, jobs, clock);
    }
}
