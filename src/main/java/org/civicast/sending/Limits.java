package org.civicast.sending;

import org.civicast.platform.time.QuietHours;

/**
 * What the carriers and the organization allow a broadcast: the campaign's rate in segments per
 * minute (AT&T meters a 10DLC campaign per minute across all its numbers; null when it is not
 * metered or its rate is unknown), the brand's segments per Pacific day (T-Mobile's daily cap;
 * null when none applies) unless {@code dailyCapBypass}, and the hours recipients may be texted.
 * {@code segmentsPerMessage} is the estimate a message is counted by before it is written.
 *
 * @param rateScope what shares the per-minute rate (the campaign, or the toll-free verification)
 */
public record Limits(String rateScope, Integer segmentsPerMinute, Integer brandDailyCap, boolean dailyCapBypass,
                     QuietHours quietHours, int segmentsPerMessage) {
    /** Nothing limits the broadcast but the gateway's own pace. */
    public static final Limits NONE = new Limits(null, null, null, false, QuietHours.NONE, 1);

    public Limits {
        if (segmentsPerMessage < 1) throw new IllegalArgumentException("a message has at least one segment");
        if (quietHours == null) throw new IllegalArgumentException("quiet hours, or QuietHours.NONE");
    }

    /** Whether the brand's daily cap stops this broadcast. */
    boolean capped() {
        return brandDailyCap != null && !dailyCapBypass;
    }
}
