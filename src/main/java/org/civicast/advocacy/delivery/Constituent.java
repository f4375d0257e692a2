package org.civicast.advocacy.delivery;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The person writing. Optional parts are null; {@code addressLines} holds one to three street lines.
 *
 * @param state the two-letter postal abbreviation
 * @param zip5  the five-digit ZIP code
 * @param zip4  the four-digit ZIP+4 extension, or null
 * @param phone as the person gave it; channels format it as they need
 */
public record Constituent(
        String prefix,
        String firstName,
        String middleName,
        String lastName,
        String suffix,
        List<String> addressLines,
        String city,
        String state,
        String zip5,
        String zip4,
        String phone,
        String email) {

    public Constituent {
        addressLines = addressLines == null ? List.of()
                : addressLines.stream().filter(line -> line != null && !line.isBlank()).toList();
    }

    /** First, middle and last name with any suffix, as a signature reads. */
    public String fullName() {
        return join(firstName, middleName, lastName, suffix);
    }

    /** The ZIP code with its +4 extension when known. */
    public String zip() {
        if (zip5 == null) return null;
        return zip4 == null || zip4.isBlank() ? zip5 : zip5 + "-" + zip4;
    }

    private static String join(String... parts) {
        return Stream.of(parts).filter(p -> p != null && !p.isBlank()).map(String::strip)
                .collect(Collectors.joining(" "));
    }
}
