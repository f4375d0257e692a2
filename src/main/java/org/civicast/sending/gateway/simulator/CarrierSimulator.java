package org.civicast.sending.gateway.simulator;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import org.civicast.sending.gateway.GatewayException;
import org.civicast.sending.gateway.GatewayListener;
import org.civicast.sending.gateway.OutgoingSms;
import org.civicast.sending.gateway.Receipt;
import org.civicast.sending.gateway.SmsGateway;
import org.civicast.sending.gateway.Submission;

/**
 * A carrier network inside the server, so that a fresh install sends end to end: it takes
 * messages at a configured pace and latency, keeps its own record of them, and sends back a
 * receipt for each after a delay — delivered, or undeliverable with one of the configured error
 * codes for the configured share of messages (chosen from the message id, so a run repeats).
 * Like a real network it tells a receipt again, every second for up to ten minutes, until the
 * server acknowledges it, and after a restart it owes the receipts it had not been acknowledged.
 * Nothing leaves the machine.
 */
public final class CarrierSimulator implements SmsGateway {
    private static final java.util.regex.Pattern E164 = java.util.regex.Pattern.compile("\\+[1-9][0-9]{7,14}");

    private final SimulatorSettings settings;
    private final Clock clock;
    private static final int TELLS = 600;
    private final ConcurrentLinkedQueue<Owed> receipts = new ConcurrentLinkedQueue<>();
    /** A receipt to tell at {@code due}, told {@code tries} times before. */
    private record Owed(Receipt receipt, Instant due, int tries) {}
    /** Opened on first use: a server that never sends (or the admin command line) keeps no record and no thread. */
    private SimulatorRecord record;
    private Thread receiptThread;
    private volatile GatewayListener listener = GatewayListener.NONE;
    private volatile boolean closed;
    private long nextSlotNanos = System.nanoTime();

    public CarrierSimulator(SimulatorSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    private synchronized SimulatorRecord record() {
        if (record == null) {
            record = new SimulatorRecord(settings.recordDir());
            Instant due = clock.instant().plus(settings.receiptDelay());
            for (String[] m : record.owedReceipts()) {
                receipts.add(new Owed(outcome(m[0], m[1], SimulatorRecord.key(m[0]), due), due, 0));
            }
            receiptThread = Thread.ofPlatform().daemon().name("carrier-simulator-receipts").start(this::sendReceipts);
        }
        return record;
    }

    @Override
    public String name() {
        return "simulator";
    }

    @Override
    public boolean receiptsNameMessages() {
        return settings.receiptsNameMessages();
    }

    @Override
    public List<Submission> submit(List<OutgoingSms> messages) throws GatewayException {
        if (closed) throw new GatewayException("the carrier simulator is stopped", null);
        SimulatorRecord record = record();
        if (!settings.latency().isZero()) LockSupport.parkNanos(settings.latency().toNanos());
        pace(messages.size());
        List<Submission> answers = new ArrayList<>(messages.size());
        List<String[]> taken = new ArrayList<>();
        Instant due = clock.instant().plus(settings.receiptDelay());
        for (OutgoingSms m : messages) {
            long key = SimulatorRecord.key(m.messageId());
            String providerId = "SIM" + Long.toHexString(key);
            if (!E164.matcher(m.to()).matches()) {
                answers.add(new Submission.Refused(m.messageId(), "21211", "the 'To' number " + m.to() + " is not a valid phone number"));
                continue;
            }
            answers.add(new Submission.Accepted(m.messageId(), providerId));
            if (record.taken(m.messageId())) continue; // taken before: answered again, not sent again
            taken.add(new String[] {m.messageId(), providerId, m.from(), m.to(), String.valueOf(m.body().length())});
            receipts.add(new Owed(outcome(m.messageId(), providerId, key, due), due, 0));
        }
        if (!taken.isEmpty()) record.record(taken);
        return answers;
    }

    /** Holds the caller until the configured pace reaches its messages: each call books the next slots. */
    private void pace(int count) {
        if (settings.messagesPerSecond() <= 0) return;
        long now = System.nanoTime();
        long start;
        synchronized (this) {
            start = Math.max(nextSlotNanos, now);
            nextSlotNanos = start + count * 1_000_000_000L / settings.messagesPerSecond();
        }
        if (start > now) LockSupport.parkNanos(start - now);
    }

    private Receipt outcome(String messageId, String providerId, long key, Instant due) {
        int draw = (int) Math.floorMod(key, 100L);
        if (draw < settings.undeliverablePercent()) {
            String code = settings.errorCodes().get((int) Math.floorMod(key >>> 8, (long) settings.errorCodes().size()));
            return new Receipt(providerId, settings.receiptsNameMessages() ? messageId : null, Receipt.Outcome.UNDELIVERABLE, code, due);
        }
        return new Receipt(providerId, settings.receiptsNameMessages() ? messageId : null, Receipt.Outcome.DELIVERED, null, due);
    }

    private void sendReceipts() {
        List<String> acknowledged = new ArrayList<>();
        while (!closed) {
            Owed next = receipts.peek();
            if (next == null || next.due().isAfter(clock.instant())) {
                if (!acknowledged.isEmpty()) {
                    record.receipted(acknowledged);
                    acknowledged.clear();
                }
                LockSupport.parkNanos(20_000_000L);
                continue;
            }
            receipts.poll();
            try {
                listener.receipt(next.receipt());
                acknowledged.add(next.receipt().providerId());
                if (acknowledged.size() >= 1000) {
                    record.receipted(acknowledged);
                    acknowledged.clear();
                }
            } catch (RuntimeException e) {
                if (closed) return;
                if (next.tries() + 1 < TELLS) {
                    receipts.add(new Owed(next.receipt(), clock.instant().plusSeconds(1), next.tries() + 1));
                }
            }
        }
    }

    @Override
    public void listen(GatewayListener listener) {
        this.listener = listener == null ? GatewayListener.NONE : listener;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (receiptThread != null) receiptThread.interrupt();
        if (record != null) record.close();
    }
}
