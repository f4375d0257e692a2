package org.civicast.lookup;

/**
 * One row of the offline prefix table: what the operator's data says of every North American
 * number starting with {@code prefix} (its ten digits without the country code).
 *
 * @param prefix  an NPA-NXX (6 digits), a thousands block NPA-NXX-X (7) or one number (10)
 * @param carrier the carrier the block is assigned to, or that serves the number; may be null
 * @param ocn     that carrier's operating company number; may be null
 * @param lrn     the number's location routing number (10-digit rows only); may be null
 * @param ported  whether the number was ported (10-digit rows only); null when not said
 */
public record PrefixEntry(String prefix, LineType lineType, String carrier, String ocn, String lrn, Boolean ported) {
    public boolean wholeNumber() {
        return prefix.length() == 10;
    }
}
