package org.civicast.sending;

import java.time.Clock;
import java.time.Instant;
import org.civicast.platform.db.Database;
import org.civicast.platform.events.Event;
import org.civicast.platform.events.Events;
import org.civicast.sending.gateway.GatewayListener;
import org.civicast.sending.gateway.InboundSms;
import org.civicast.sending.gateway.Receipt;

/**
 * Records delivery receipts as the gateway hears them: the message becomes delivered or
 * undeliverable with the provider's code, and its event is stored with the change. A receipt for
 * a message whose hand-off is not recorded yet (the network can answer before the dispatcher
 * commits) is refused, so the gateway tells it again; one heard twice changes nothing. A receipt
 * naming only the provider's id whose message is not found is refused the same way: its record
 * may be the one still to commit (a provider's id that is not ours is told a few times in vain).
 */
final class ReceiptRecorder implements GatewayListener {
    private final Database db;
    private final Events events;
    private final Clock clock;

    ReceiptRecorder(Database db, Events events, Clock clock) {
        this.db = db;
        this.events = events;
        this.clock = clock;
    }

    /** The hand-off of the receipt's message is not recorded yet: ask again later. */
    static final class NotYetSent extends RuntimeException {
        NotYetSent(String providerId) {
            super("no message handed over as " + providerId + " is recorded as sent yet");
        }
    }

    @Override
    public void receipt(Receipt r) {
        Instant at = r.at() != null ? r.at() : clock.instant();
        db.tx(h -> {
            boolean delivered = r.outcome() == Receipt.Outcome.DELIVERED;
            Event event = Outcomes.receipt(h, r.providerId(), r.messageId(), delivered, r.errorCode(), at);
            if (event == null) {
                // Found by the provider's id alone, a message not found yet may be one whose record
                // is still to commit (its provider id is written by it): asked again, like a queued one.
                String status = r.messageId() != null ? SendStore.status(h, r.messageId()).orElse("")
                        : SendStore.statusByProvider(h, r.providerId()).orElse("queued");
                switch (status) {
                    case "queued" -> throw new NotYetSent(r.providerId());
                    // Its record committed while the receipt's statement ran, unseen by it: seen now.
                    case "sent" -> event = Outcomes.receipt(h, r.providerId(), r.messageId(), delivered, r.errorCode(), at);
                    default -> { } // unknown, or heard before
                }
            }
            if (event != null) events.append(event);
            return null;
        });
    }

    @Override
    public void inbound(InboundSms message) {
        // Replies and opt-outs from them are recorded by the conversations work.
    }
}
