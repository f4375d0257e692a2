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
import org.civicast.sending.gateway.GatewayException;
import org.civicast.sending.gateway.OutgoingSms;
import org.civicast.sending.gateway.SmsGateway;
import org.civicast.sending.gateway.Submission;

/**
 * The {@value #KIND} job: hands a send's queued messages to the gateway, batch by batch, until
 * none is left. Several run at once for one send, on any instances: each batch is claimed with
 * SKIP LOCKED, submitted, and its answers recorded with their events and billing in one
 * transaction. A dispatcher that dies leaves its batch 'submitting'; once the claim runs out
 * another takes it and submits it again, and the gateway answers what it already took without
 * sending it twice. The last dispatcher to find nothing left completes the project.
 */
final class DispatchJob implements JobHandler {
    static final String KIND = "sending.dispatch";
    static final int BATCH = 500;
    private static final Duration CLAIM = Duration.ofSeconds(60);

    private final Database db;
    private final BroadcastSource broadcasts;
    private final SmsGateway gateway;
    private final Events events;
    private final UsageLedger usage;
    private final ShortLinks links;
    private final Clock clock;
    private final String worker = "dispatch-" + java.util.UUID.randomUUID();

    DispatchJob(Database db, BroadcastSource broadcasts, SmsGateway gateway, Events events, UsageLedger usage,
                ShortLinks links, Clock clock) {
        this.links = links;
        this.db = db;
        this.broadcasts = broadcasts;
        this.gateway = gateway;
        this.events = events;
        this.usage = usage;
        this.clock = clock;
    }

    static String payload(String projectId) {
        return Json.string(java.util.Map.of("project_id", projectId));
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
        Optional<Broadcast> found = broadcasts.broadcast(projectId);
        Optional<Long> key = db.read(h -> SendStore.existingKey(h, projectId));
        if (found.isEmpty() || key.isEmpty()) return;
        Broadcast b = found.get();
        while (tests || broadcasts.sending(projectId)) {
            Instant now = clock.instant();
            List<SendStore.Claimed> batch = db.tx(h -> SendStore.claim(h, key.get(), tests, b.organizationId(), BATCH,
                    worker, now, now.plus(CLAIM)));
            if (batch.isEmpty()) {
                if (db.read(h -> SendStore.unfinished(h, key.get(), tests))) {
                    Thread.sleep(200); // others' hand-offs in flight, or claims yet to run out
                    continue;
                }
                if (tests) return;
                db.tx(h -> {
                    SendStore.completed(h, key.get(), clock.instant());
                    return null;
                });
                broadcasts.complete(projectId);
                return;
            }
            handOff(b, batch, tests);
        }
    }

    private void handOff(Broadcast b, List<SendStore.Claimed> batch, boolean tests) throws GatewayException {
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
            List<Event> changed = Outcomes.handedOff(h, b.projectId(), b.organizationId(), worker, outcomes, clock.instant());
            events.append(changed);
            // Billed from what this transaction recorded as sent: a dispatcher that lost its claim bills nothing.
            List<Event> sentNow = changed.stream().filter(e -> e.type().equals("message.sent")).toList();
            long sent = sentNow.size();
            int billed = b.mms() ? sentNow.size()
                    : sentNow.stream().mapToInt(e -> ((Number) e.data().get("segments")).intValue()).sum();
            SendStore.countSegments(h, b.brandId(), PacificDay.of(clock.instant()), // tests count too: carriers see them

                    sentNow.stream().mapToInt(e -> ((Number) e.data().get("segments")).intValue()).sum());
            if (sent > 0 && billed > 0) {
                usage.record(new BilledTo(b.organizationId(), "project", b.projectId(), null).entry(
                        b.mms() ? UsageCategory.MMS : UsageCategory.SMS, billed,
                        sent + (b.mms() ? " MMS" : " messages") + " through " + gateway.name()));
            }
            return null;
        });
    }
}
