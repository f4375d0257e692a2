package org.civicast.congress.geocoding;

/**
 * A postal address to place in a district: the street line (house number and street name, a unit
 * may follow), the city, the state (USPS code or name) and the ZIP code. Surrounding blanks are
 * trimmed, control characters become spaces, and a blank part is null.
 *
 * <p>{@link #toString()} shows the state and ZIP only: an address is personal data and must not
 * end up whole in a log line.
 */
public record Address(String street, String city, String state, String zip) {

    public Address {
        street = clean(street);
        city = clean(city);
        state = clean(state);
        zip = clean(zip);
    }

    /** Whether there is enough to look up: a street, and a ZIP or both a city and a state. */
    public boolean placeable() {
        return street != null && (zip != null || (city != null && state != null));
    }

    @Override
    public String toString() {
        return "Address[state=" + state + ", zip=" + zip + "]";
    }

    private static String clean(String part) {
        if (part == null) return null;
        String text = part.replaceAll("\\p{Cntrl}", " ").strip();
        return text.isEmpty() ? null : text;
    }
}
