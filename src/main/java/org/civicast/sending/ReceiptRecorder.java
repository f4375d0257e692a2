package org.civicast.sending;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.civicast.platform.db.Database;
import org.civicast.platform.events.Event;
import org.civicast.platform.events.Events;
import org.civicast.sending.gateway.GatewayListener;
import org.civicast.sending.gateway.InboundSms;
import org.civicast.sending.gateway.Receipt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records delivery receipts as the gateway hears them: the message becomes delivered or
 * undeliverable with the provider's code, and its event is stored with the change. A receipt that
 * arrives before its hand-off was recorded waits a little and is tried again.
 */
final class ReceiptRecorder implements GatewayListener {
    private static final Logger log = LoggerFactory.getLogger(ReceiptRecorder.class);
    private static final long RETRY_FOR_MILLIS = 60_000;

    private final Database db;
    private final Events events;
    private final Clock clock;
    private final ConcurrentLinkedQueue<Pending> early = new ConcurrentLinkedQueue<>();

    private record Pending(Receipt receipt, long firstHeard) {}

    ReceiptRecorder(Database db, Events events, Clock clock) {
        this.db = db;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public void receipt(Receipt receipt) {
        if (record(receipt)) return;
        early.add(new Pending(receipt, System.currentTimeMillis()));
        synchronized (this) {
            if (retrying == null) retrying = Thread.ofVirtual().name("receipts-retry").start(this::retryEarly);
        }
    }

    private Thread retrying;

    private boolean record(Receipt r) {
        Instant at = r.at() != null ? r.at() : clock.instant();
        return db.tx(h -> {
            Event event = Outcomes.receipt(h, r.providerId(), r.outcome() == Receipt.Outcome.DELIVERED, r.errorCode(), at);
            if (event != null) events.append(event);
            return event != null;
        });
    }

    /** Runs while early receipts wait; the next early receipt starts it again. */
    private void retryEarly() {
        while (true) {
            synchronized (this) {
                if (early.isEmpty()) {
                    retrying = null;
                    return;
                }
            }
            try {
                Thread.sleep(1000);
                int waiting = early.size();
                for (int i = 0; i < waiting; i++) {
                    Pending p = early.poll();
                    if (p == null) break;
                    if (!record(p.receipt()) && System.currentTimeMillis() - p.firstHeard() < RETRY_FOR_MILLIS) early.add(p);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("receipts: could not record a receipt: {}", e.toString());
            }
        }
    }

    @Override
    public void inbound(InboundSms message) {
        // Replies and opt-outs from them are recorded by the conversations work.
    }
}
