package org.civicast.sending;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.civicast.billing.BilledTo;
import org.civicast.billing.UsageCategory;
import org.civicast.billing.UsageLedger;
import org.civicast.links.LinkRecipient;
import org.civicast.links.ShortLink;
import org.civicast.links.ShortLinks;
import org.civicast.platform.db.Database;
import org.civicast.platform.events.Event;
import org.civicast.platform.events.Events;
import org.civicast.platform.http.Json;
import org.civicast.platform.jobs.Job;
import org.civicast.platform.jobs.JobHandler;
import org.civicast.platform.jobs.Jobs;
import org.civicast.sending.gateway.GatewayException;
import org.civicast.sending.gateway.OutgoingSms;
import org.civicast.sending.gateway.SmsGateway;
import org.civicast.sending.gateway.Submission;

/**
 * The {@value #KIND} job: hands a send's queued messages to the gateway, batch by batch, until
 * none is left. Several run at once for one send, on any instances: each batch is claimed
 * (one row naming its messages, the send's cursor moved past them) within what the {@link Pacer}
 * allows, submitted, and its answers recorded with their events and billing in one transaction
 * that also ends the claim. A dispatcher that dies leaves its claim open; once the claim runs out
 * another takes it over and submits its messages again, and the gateway answers what it already
 * took without sending it twice. The last dispatcher to find nothing left completes the
 * project; one that finds the brand's daily cap reached, or every recipient left outside their
 * sending hours, pauses it (and for sending hours, queues its resumption).
 *
 * <p>A rate that has nothing left keeps only the first dispatcher of a send waiting for it; the
 * others stop, since one dispatcher keeps up with any carrier rate.
 */
final class DispatchJob implements JobHandler {
    static final String KIND = "sending.dispatch";
    /**
     * Messages a claim takes at most. Each batch costs a claim under the send's row (claims of one
     * send are taken one at a time) and a record that waits for the disk: at 500, those fixed costs
     * held a million-message send to 17,700 a second on two cores; at 1,000, 22,000.
     */
    static final int BATCH = 1000;
    private static final Duration CLAIM = Duration.ofSeconds(60);
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(1);
    private static final Duration PASS = Duration.ofSeconds(30);
    /** How long a dispatcher that found another claiming waits: about as long as a claim takes. */
    private static final Duration BUSY_PAUSE = Duration.ofMillis(5);

    private final Database db;
    private final BroadcastSource broadcasts;
    private final SmsGateway gateway;
    private final Events events;
    private final UsageLedger usage;
    private final ShortLinks links;
    private final Jobs jobs;
    private final Pacer pacer;
    private final Clock clock;
    private final String worker = "dispatch-" + java.util.UUID.randomUUID();

    DispatchJob(Database db, BroadcastSource broadcasts, SmsGateway gateway, Events events, UsageLedger usage,
                ShortLinks links, Jobs jobs, Pacer pacer, Clock clock) {
        this.links = links;
        this.db = db;
        this.broadcasts = broadcasts;
        this.gateway = gateway;
        this.events = events;
        this.usage = usage;
        this.jobs = jobs;
        this.pacer = pacer;
        this.clock = clock;
    }

    /** The payload of a send's {@code index}-th dispatcher. */
    static String payload(String projectId, int index) {
        return Json.string(java.util.Map.of("project_id", projectId, "dispatcher", index));
    }

    /** For a project's test messages: sent whatever the project's state, and the project left as it is. */
    static String testPayload(String projectId) {
        return Json.string(java.util.Map.of("project_id", projectId, "tests", true));
    }

    @Override
    public void run(Job job) throws Exception {
        var payload = Json.MAPPER.readTree(job.payload());
        String projectId = payload.get("project_id").asText();
        boolean tests = payload.path("tests").asBoolean(false);
        boolean first = payload.path("dispatcher").asInt(0) == 0;
        Optional<Broadcast> found = broadcasts.broadcast(projectId);
        Optional<Long> key = db.read(h -> SendStore.existingKey(h, projectId));
        if (found.isEmpty() || key.isEmpty()) return;
        try {
            if (tests) {
                sendTests(found.get(), key.get());
            } else {
                send(found.get(), key.get(), first);
            }
        } catch (InterruptedException e) {
            // The instance is stopping: a successor goes on wherever a worker is free (here after a
            // restart, or on another instance), and this attempt ends as done, not as a failure.
            jobs.enqueue(KIND, job.payload());
        }
    }

    /** Tests go out at once: no rate, cap or sending hours holds a person checking their message. */
    private void sendTests(Broadcast b, long key) throws Exception {
        while (true) {
            Instant now = clock.instant();
            SendStore.Claim claim = db.tx(h -> SendStore.claim(h, key, true, b.organizationId(),
                    SendStore.ClaimRules.unlimited(BATCH), worker, now, now.plus(CLAIM)));
            if (claim.busy()) {
                Thread.sleep(BUSY_PAUSE.toMillis());
                continue;
            }
            if (claim.messages().isEmpty()) {
                if (!db.read(h -> SendStore.testsUnfinished(h, key))) return;
                Thread.sleep(200); // others' hand-offs in flight, or claims yet to run out
                continue;
            }
            handOff(b, claim, true);
        }
    }

    private void send(Broadcast b, long key, boolean first) throws Exception {
        String projectId = b.projectId();
        Instant deadline = db.read(h -> SendStore.deadline(h, key)).orElse(null);
        boolean pass = true; // the first claim looks over the whole send: a restart may have left anything anywhere
        Instant passed = null;
        while (broadcasts.sending(projectId)) {
            Instant now = clock.instant();
            // Claims that ran out, and messages left behind the cursor, are looked for when nothing is
            // ahead of it, and at least every PASS.
            boolean whole = pass || passed == null || !now.isBefore(passed.plus(PASS));
            if (whole) passed = now;
            Pacer.Next next = db.tx(h -> {
                // A claim holds the send's row until it commits, so other dispatchers wait for its
                // commit: it does not wait for the disk. A claim lost in a crash only means its
                // messages are claimed again (the gateway knows those it took); a later hand-off's
                // record, which does wait, makes every earlier commit durable with it.
                h.execute("SET LOCAL synchronous_commit = off");
                Pacer.Next n = pacer.next(h, key, b, deadline, BATCH, worker, now, now.plus(CLAIM), whole);
                if (n instanceof Pacer.Next.Batch batch && !batch.claim().expired().isEmpty()) {
                    events.append(Outcomes.expired(projectId, b.organizationId(), batch.claim().expired(), now));
                }
                return n;
            });
            pass = false;
            switch (next) {
                case Pacer.Next.Batch batch -> {
                    if (!batch.claim().messages().isEmpty()) handOff(b, batch.claim(), false);
                }
                case Pacer.Next.Wait wait -> {
                    if (!first) return;
                    Thread.sleep(Math.clamp(wait.duration().toMillis(), 10, LONGEST_WAIT.toMillis()));
                }
                case Pacer.Next.Busy busy -> {
                    pass = whole; // a pass that could not look goes on being due
                    Thread.sleep(BUSY_PAUSE.toMillis());
                }
                case Pacer.Next.Idle idle -> {
                    if (!whole) {
                        pass = true; // nothing ahead of the cursor: look over the whole send before waiting
                        continue;
                    }
                    Thread.sleep(200); // others' hand-offs in flight, or claims yet to run out
                }
                case Pacer.Next.CapReached cap -> {
                    broadcasts.pause(projectId, "brand_daily_cap");
                    return;
                }
                case Pacer.Next.QuietUntil quiet -> {
                    db.tx(h -> {
                        if (broadcasts.pause(projectId, "quiet_hours")) {
                            jobs.enqueue(ResumeJob.KIND, ResumeJob.payload(projectId, "quiet_hours"), quiet.opens());
                        }
                        return null;
                    });
                    return;
                }
                case Pacer.Next.Done done -> {
                    db.tx(h -> {
                        SendStore.completed(h, key, clock.instant());
                        return null;
                    });
                    broadcasts.complete(projectId);
                    return;
                }
            }
        }
    }

    private void handOff(Broadcast b, SendStore.Claim claim, boolean tests) throws GatewayException {
        List<SendStore.Claimed> batch = claim.messages();
        List<OutgoingSms> outgoing = new ArrayList<>(batch.size());
        List<MessageComposer.Composed> composed = new ArrayList<>(batch.size());
        // Each recipient's link, the same one again for a batch submitted a second time.
        List<LinkRecipient> recipients = batch.stream().map(m -> new LinkRecipient(m.phone(), m.values())).toList();
        List<ShortLink> issued = b.linkTracking() == null ? null
                : tests ? links.issueForTest(b.organizationId(), b.projectId(), b.linkTracking(), recipients)
                : links.issue(b.organizationId(), b.projectId(), b.linkTracking(), recipients);
        for (int i = 0; i < batch.size(); i++) {
            SendStore.Claimed m = batch.get(i);
            String link = issued == null ? null : issued.get(i).url();
            MessageComposer.Composed text = b.composer().compose(new Recipient("+" + m.phone(), m.values()), link);
            composed.add(text);
            outgoing.add(new OutgoingSms(MessageIds.of(m.id()), m.sender(), "+" + m.phone(), text.text(),
                    b.mms() ? b.mediaUrls() : List.of()));
        }
        List<Submission> answers = gateway.submit(outgoing);
        List<Outcomes.HandedOff> outcomes = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            MessageComposer.Composed text = composed.get(i);
            switch (answers.get(i)) {
                case Submission.Accepted a -> {
                    outcomes.add(new Outcomes.HandedOff(batch.get(i).id(), a.providerId(), null, null, text.text(),
                            text.segments(), text.encoding()));
                }
                case Submission.Refused r -> outcomes.add(new Outcomes.HandedOff(batch.get(i).id(), null, r.errorCode(),
                        r.reason(), text.text(), text.segments(), text.encoding()));
            }
        }
        db.tx(h -> {
            Outcomes.Recorded recorded = Outcomes.handedOff(h, b.projectId(), b.organizationId(), worker, claim.id(),
                    outcomes, !gateway.receiptsNameMessages(), clock.instant());
            // Billed from what this transaction recorded as sent: a dispatcher that lost its claim bills nothing.
            int billed = b.mms() ? recorded.sent() : recorded.sentSegments();
            // Tests count too (carriers see them). A send's messages were counted at their estimate when
            // first claimed: this corrects each recorded one to what really went (nothing, if refused).
            long reserved = tests ? 0 : (long) recorded.changed() * b.limits().segmentsPerMessage();
            SendStore.countSegments(h, b.brandId(), PacificDay.of(clock.instant()), recorded.sentSegments() - reserved);
            if (recorded.sent() > 0 && billed > 0) {
                usage.record(new BilledTo(b.organizationId(), "project", b.projectId(), null).entry(
                        b.mms() ? UsageCategory.MMS : UsageCategory.SMS, billed,
                        recorded.sent() + (b.mms() ? " MMS" : " messages") + " through " + gateway.name()));
            }
            return null;
        });
    }
}
