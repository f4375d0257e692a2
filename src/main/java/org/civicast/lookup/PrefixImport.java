package org.civicast.lookup;

import java.time.Instant;

/** The import that wrote the offline prefix table: from where, how many rows, when. */
public record PrefixImport(String source, int rows, Instant importedAt) {
}
