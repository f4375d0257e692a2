package org.civicast.sending;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.civicast.platform.time.QuietHours;
import org.jdbi.v3.core.Handle;

/**
 * Decides, in a dispatcher's claim transaction, what it may take now: as many messages as the
 * campaign's per-minute rate, each number's rate and the brand's daily cap leave, to recipients
 * whose local time is inside the sending hours. What it takes is counted against those limits in
 * the same transaction, so dispatchers on any number of instances never take more between them.
 * Locks are taken in one order — the brand's day, the campaign's rate, the numbers' rates by id —
 * so that dispatchers of different broadcasts sharing them cannot deadlock. A send under no limit
 * at all takes only the brand's count, last, just before its claim commits.
 */
final class Pacer {
    /** What a dispatcher does next. */
    sealed interface Next {
        /** Hand these messages over (some may have expired instead, already settled). */
        record Batch(SendStore.Claim claim) implements Next {}

        /** A rate has nothing left now: try again after this long. */
        record Wait(Duration duration) implements Next {}

        /** The brand's daily cap is reached and messages remain. */
        record CapReached() implements Next {}

        /** Every message left is for recipients outside their sending hours until this time. */
        record QuietUntil(Instant opens) implements Next {}

        /** Nothing to take now, but hand-offs of others are in flight. */
        record Idle() implements Next {}

        /** Another dispatcher of the send is claiming: try again in a moment. */
        record Busy() implements Next {}

        /** Every message of the send has been handled. */
        record Done() implements Next {}
    }

    private final boolean pacing;
    private final int numberSegmentsPerSecond;

    Pacer(boolean pacing, int numberSegmentsPerSecond) {
        this.pacing = pacing;
        this.numberSegmentsPerSecond = numberSegmentsPerSecond;
    }

    /**
     * What the dispatcher takes next: queued messages after the send's cursor, and on a
     * {@code pass} also claims that ran out and messages left behind (see {@link SendStore.ClaimRules}).
     */
    Next next(Handle h, long sendKey, Broadcast b, Instant deadline, int batch, String worker, Instant now,
              Instant claimEnd, boolean pass) {
        Limits limits = b.limits();
        int perMessage = limits.segmentsPerMessage();
        if (deadline != null && !now.isBefore(deadline)) {
            SendStore.Claim claim = SendStore.claim(h, sendKey, false, b.organizationId(),
                    new SendStore.ClaimRules(batch, new long[0], true, null, pass), worker, now, claimEnd);
            if (claim.busy()) return new Next.Busy();
            return claim.isEmpty() ? settle(h, sendKey, limits.quietHours(), now, pass) : new Next.Batch(claim);
        }
        int limit = batch;
        var day = PacificDay.of(now);
        SendRates.Rate campaign = pacing && limits.segmentsPerMinute() != null && limits.rateScope() != null
                ? SendRates.Rate.of("campaign:" + limits.rateScope(), limits.segmentsPerMinute() / 60.0, perMessage)
                : null;
        boolean numbersPaced = pacing && numberSegmentsPerSecond > 0;
        if (b.brandId() != null && (limits.capped() || campaign != null || numbersPaced)) {
            // Locked through the claim, so that dispatchers of the brand take from what is left in turn.
            long used = SendStore.lockSegments(h, b.brandId(), day);
            if (limits.capped()) {
                limit = (int) Math.min(limit, Math.max(0, limits.brandDailyCap() - used) / perMessage);
                if (limit == 0) {
                    if (SendStore.anyQueued(h, sendKey) || !SendStore.compiled(h, sendKey)) return new Next.CapReached();
                    limit = batch; // only hand-offs taken over are left: they were counted when first claimed
                }
            }
        }
        if (campaign != null) {
            limit = Math.min(limit, SendRates.available(h, campaign, now) / perMessage);
            if (limit == 0) return new Next.Wait(SendRates.waitFor(campaign, perMessage));
        }
        Map<String, Integer> perSender = null;
        Map<String, SendRates.Rate> numberRates = new LinkedHashMap<>();
        if (numbersPaced) {
            perSender = new LinkedHashMap<>();
            List<String> ids = b.senders().stream().map(Broadcast.Sender::id).distinct().sorted().toList();
            for (String id : ids) {
                SendRates.Rate rate = SendRates.Rate.of("number:" + id, numberSegmentsPerSecond, perMessage);
                numberRates.put(id, rate);
                perSender.put(id, Math.min(limit, SendRates.available(h, rate, now) / perMessage));
            }
            if (perSender.values().stream().allMatch(n -> n == 0)) {
                return new Next.Wait(SendRates.waitFor(numberRates.values().iterator().next(), perMessage));
            }
        }
        long[] closed = AreaCodeZones.closed(limits.quietHours(), now);
        SendStore.Claim claim = SendStore.claim(h, sendKey, false, b.organizationId(),
                new SendStore.ClaimRules(limit, closed, false, perSender, pass), worker, now, claimEnd);
        if (claim.busy()) return new Next.Busy();
        if (claim.isEmpty()) return settle(h, sendKey, limits.quietHours(), now, pass);
        reserve(h, b, claim, day, campaign, numberRates, now);
        return new Next.Batch(claim);
    }

    /**
     * Counts what was taken against the limits: each first claim at the estimated segments of a
     * message (the hand-off's record corrects the brand's count to what was really sent).
     */
    private static void reserve(Handle h, Broadcast b, SendStore.Claim claim, java.time.LocalDate day,
                                SendRates.Rate campaign, Map<String, SendRates.Rate> numberRates, Instant now) {
        int perMessage = b.limits().segmentsPerMessage();
        List<SendStore.Claimed> fresh = claim.messages().stream().filter(SendStore.Claimed::fresh).toList();
        if (fresh.isEmpty()) return;
        if (b.brandId() != null) SendStore.countSegments(h, b.brandId(), day, (long) fresh.size() * perMessage);
        if (campaign != null) SendRates.take(h, campaign, fresh.size() * perMessage, now);
        numberRates.forEach((id, rate) -> SendRates.take(h, rate,
                (int) fresh.stream().filter(m -> m.senderId().equals(id)).count() * perMessage, now));
    }

    /**
     * Nothing could be claimed: finished, waiting on others' hand-offs, or waiting for sending
     * hours. Only a pass, which looked at the whole send, may say more than {@link Next.Idle}. A
     * send found finished is marked so in the claim's transaction (which holds the send's row), so
     * that the dispatchers after this one do not look through the whole send again.
     */
    private static Next settle(Handle h, long sendKey, QuietHours window, Instant now, boolean pass) {
        if (SendStore.finished(h, sendKey)) return new Next.Done();
        // Until its audience is all written a send waits for more, whatever it has handed over.
        if (!pass || SendStore.openClaims(h, sendKey, false) || !SendStore.compiled(h, sendKey)) return new Next.Idle();
        if (!SendStore.anyQueued(h, sendKey)) {
            SendStore.completed(h, sendKey, now);
            return new Next.Done();
        }
        if (window.limited()) {
            List<Integer> areaCodes = SendStore.queuedAreaCodes(h, sendKey);
            if (areaCodes.isEmpty()) return new Next.Idle(); // taken meanwhile
            long[] closed = AreaCodeZones.closed(window, now);
            boolean anyOpen = areaCodes.stream().anyMatch(a -> java.util.Arrays.stream(closed).noneMatch(c -> c == a));
            if (!anyOpen) {
                Optional<Instant> opens = AreaCodeZones.nextOpening(window, now, areaCodes);
                // Windows that never open for some zone at once are still tried again a day later.
                return new Next.QuietUntil(opens.orElse(now.plus(Duration.ofDays(1))));
            }
        }
        return new Next.Idle();
    }
}
