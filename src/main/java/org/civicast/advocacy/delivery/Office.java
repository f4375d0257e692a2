package org.civicast.advocacy.delivery;

import java.util.Objects;

/**
 * The office a letter goes to.
 *
 * @param bioguideId Congress's id of the member ({@code S000033}); null for other targets
 * @param officeCode the CWC office code: {@code H} + state + two-digit district ({@code HVA04},
 *                   {@code 00} at large) for the House, {@code S} + state + seat for the Senate; null if none
 * @param chamber    which chamber, or {@link Chamber#OTHER}
 * @param name       how the letter addresses the office ("Rep. Jane Doe"); may be null
 * @param email      an address that takes letters by email; null if none is known
 */
public record Office(String bioguideId, String officeCode, Chamber chamber, String name, String email) {
    public Office {
        Objects.requireNonNull(chamber, "chamber");
    }

    /** How the office is named in messages and logs. */
    public String label() {
        if (name != null && !name.isBlank()) return name;
        if (officeCode != null) return officeCode;
        if (bioguideId != null) return bioguideId;
        return email != null ? email : "an unnamed office";
    }
}
