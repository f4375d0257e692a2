package org.civicast.projects;

import org.civicast.contacts.AudienceCarriers;
import org.civicast.registry.CarrierTerms;

/**
 * A carrier-metered project's throughput (contract §7.13), from its campaign's terms, its
 * audience by carrier and the segments of each message.
 *
 * <p>Each lane's recipients are the audience's share of that carrier as line-type analyses found
 * it, extrapolated to the numbers not analysed; with no carrier known at all, every recipient is
 * counted in each lane — an upper bound, so that {@code will_pause} is never understated.
 * T-Mobile counts segments against the brand's daily cap: the project reaches it (and pauses)
 * when its T-Mobile segments exceed what is left today, and runs one more Pacific day per full
 * cap beyond that; with the daily-cap bypass it never pauses and runs in one day. AT&T's minutes
 * are its segments over the campaign's per-minute rate for the project's protocol.
 */
final class Throughputs {
    static ProjectThroughput of(String projectId, CarrierTerms.Throughput terms, AudienceCarriers audience,
                                int segmentsPerMessage, boolean mms, boolean bypass) {
        int recipients = audience.recipients();
        double coverage = recipients == 0 ? 0 : Math.round(10_000.0 * audience.known() / recipients) / 10_000.0;
        ProjectThroughput.TMobile tMobile = null;
        if (terms.tMobile() != null) {
            CarrierTerms.TMobile cap = terms.tMobile();
            int reached = share(audience, audience.tMobile());
            long segments = (long) reached * segmentsPerMessage;
            long left = cap.remainingToday() != null ? cap.remainingToday() : cap.dailyCap();
            boolean willPause = !bypass && segments > left;
            int days = bypass ? 1 : segments == 0 ? 0 : segments <= left ? 1
                    : 1 + (int) Math.ceilDiv(segments - left, (long) Math.max(1, cap.dailyCap()));
            tMobile = new ProjectThroughput.TMobile(cap.dailyCap(), cap.usedToday(), cap.remainingToday(), reached,
                    willPause, days);
        }
        ProjectThroughput.Att att = null;
        if (terms.att() != null) {
            Integer tpm = mms ? terms.att().mmsTpm() : terms.att().smsTpm();
            int reached = share(audience, audience.att());
            Integer minutes = tpm == null ? null
                    : (int) Math.ceilDiv((long) reached * segmentsPerMessage, (long) Math.max(1, tpm));
            att = new ProjectThroughput.Att(tpm, reached, minutes);
        }
        return new ProjectThroughput(projectId, true, tMobile, att, recipients, coverage);
    }

    /** A carrier's recipients: its share of the numbers whose carrier is known, applied to all of them. */
    private static int share(AudienceCarriers audience, int carrier) {
        if (audience.known() == 0) return audience.recipients();
        return (int) Math.round((double) carrier * audience.recipients() / audience.known());
    }

    private Throughputs() {}
}
