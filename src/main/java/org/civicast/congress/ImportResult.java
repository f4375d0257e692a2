package org.civicast.congress;

import java.time.Duration;
import java.util.List;

/**
 * One kind of data replaced by an import.
 *
 * @param skipped entries left out and why (a contact-congress member file that does not parse);
 *                empty for the kinds where any bad entry refuses the whole import
 */
public record ImportResult(ImportKind kind, String source, int rows, List<String> skipped, Duration took) {
    public ImportResult {
        skipped = List.copyOf(skipped);
    }
}
