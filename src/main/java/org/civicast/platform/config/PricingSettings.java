package org.civicast.platform.config;

import java.math.BigDecimal;

/**
 * What sending costs, for the estimates shown before a send (a project's
 * {@code estimated_cost_cents}): the same prices for every organization, until organizations
 * carry their own.
 *
 * @param smsSegmentCents cents per SMS segment (CIVICAST_PRICE_SMS_SEGMENT_CENTS)
 * @param mmsCents        cents per MMS message, which is not segmented (CIVICAST_PRICE_MMS_CENTS)
 */
public record PricingSettings(BigDecimal smsSegmentCents, BigDecimal mmsCents) {
    /** Cents up to 10,000 (100 dollars) a unit, with at most four decimals. */
    static BigDecimal cents(String name, String value) {
        BigDecimal cents;
        try {
            cents = new BigDecimal(value.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(name + " must be a number of cents such as 0.75, got '" + value + "'");
        }
        if (cents.signum() < 0 || cents.compareTo(BigDecimal.valueOf(10_000)) > 0 || cents.stripTrailingZeros().scale() > 4) {
            throw new ConfigException(name + " must be between 0 and 10000 cents with at most four decimals, got " + value);
        }
        return cents;
    }
}
