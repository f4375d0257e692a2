package org.civicast.congress;

import java.util.List;

/**
 * What a ZIP code tells about a supporter's place: every district its ZCTA overlaps (a ZCTA may
 * span districts, and even states), so more than one district means the address must decide.
 *
 * @param zip     the five-digit ZIP asked about
 * @param plus4   the four extra digits when a ZIP+4 was given, else null; the shipped data is by
 *                ZCTA only, so they do not narrow the districts
 * @param states  USPS codes, sorted; empty for a ZIP that is no ZCTA (PO boxes, single companies)
 * @param city    the city of a member's district office at this ZIP, else null: the shipped data
 *                has no place names, and a guess would end up on letters to Congress
 */
public record ZipLookup(String zip, String plus4, List<String> states, List<District> districts, String city) {

    public ZipLookup {
        states = List.copyOf(states);
        districts = List.copyOf(districts);
    }

    public boolean found() {
        return !districts.isEmpty();
    }

    /** True when the ZIP alone names one district. */
    public boolean unambiguous() {
        return districts.size() == 1;
    }
}
