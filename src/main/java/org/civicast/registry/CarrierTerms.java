package org.civicast.registry;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * How much the carriers let a 10DLC campaign send, from what the campaign and its brand record.
 *
 * <p>T-Mobile caps message segments per <em>brand</em> per day, resetting at midnight Pacific;
 * AT&T caps segments per <em>campaign</em> per minute. Terms granted at registration are stored on
 * the campaign; where they are not, they are derived from the brand's vetting (trust) score with
 * the published tier table. A value the server cannot know is null, never zero: zero would read
 * as "blocked".
 *
 * <p>Political traffic registered through Campaign Verify is exempt from the T-Mobile daily cap
 * and not metered per minute by AT&T either, so such campaigns report {@code carrier_metered:false}
 * and no lanes.
 */
public final class CarrierTerms {
    /** T-Mobile's day, over which its daily cap is counted. */
    public static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");

    public record TMobile(
            @JsonProperty("daily_cap") int dailyCap,
            @JsonProperty("used_today") Integer usedToday,
            @JsonProperty("remaining_today") Integer remainingToday,
            @JsonProperty("pacific_day") LocalDate pacificDay) {}

    public record Att(@JsonProperty("sms_tpm") Integer smsTpm, @JsonProperty("mms_tpm") Integer mmsTpm) {}

    public record Throughput(
            @JsonProperty("campaign_id") String campaignId,
            @JsonProperty("brand_id") String brandId,
            @JsonProperty("carrier_metered") boolean carrierMetered,
            @JsonProperty("t_mobile") TMobile tMobile,
            @JsonProperty("att") Att att) {}

    /**
     * The campaign's throughput at {@code now}. {@code usedToday} is the brand's segments sent to
     * T-Mobile so far in the current Pacific day, or null when unknown.
     */
    public static Throughput of(Campaign campaign, Brand brand, Integer usedToday, Instant now) {
        if (!metered(campaign, brand)) {
            return new Throughput(campaign.id(), brand.id(), false, null, null);
        }
        Integer score = brand.vettingScore();
        Integer cap = campaign.tmobileDailyCap() != null ? campaign.tmobileDailyCap() : tmobileDailyCap(score);
        TMobile tMobile = cap == null ? null : new TMobile(cap, usedToday,
                usedToday == null ? null : Math.max(0, cap - usedToday), LocalDate.ofInstant(now, PACIFIC));
        Att derived = attTpm(score);
        Integer sms = campaign.attSmsTpm() != null ? campaign.attSmsTpm() : derived == null ? null : derived.smsTpm();
        Integer mms = campaign.attMmsTpm() != null ? campaign.attMmsTpm() : derived == null ? null : derived.mmsTpm();
        Att att = sms == null && mms == null ? null : new Att(sms, mms);
        return new Throughput(campaign.id(), brand.id(), true, tMobile, att);
    }

    /**
     * False for political traffic verified by Campaign Verify: the brand holds a CV token and is
     * political, by its vertical or by the campaign's use case.
     */
    public static boolean metered(Campaign campaign, Brand brand) {
        boolean political = "POLITICAL".equals(brand.vertical()) || "POLITICAL".equals(campaign.useCase());
        return !(political && brand.campaignVerified());
    }

    /**
     * T-Mobile segments per brand per day by trust score. A score of 0 (vetted, failed) gets the
     * lowest tier; no score at all is unknown.
     */
    public static Integer tmobileDailyCap(Integer score) {
        if (score == null) return null;
        if (score >= 75) return 200_000;
        if (score >= 50) return 40_000;
        if (score >= 25) return 10_000;
        return 2_000;
    }

    /** AT&T SMS and MMS segments per minute per campaign by trust score; null when there is no score. */
    public static Att attTpm(Integer score) {
        if (score == null) return null;
        if (score >= 75) return new Att(4_500, 2_400);
        if (score >= 50) return new Att(2_400, 1_200);
        return new Att(240, 150);
    }

    private CarrierTerms() {}
}
