package org.civicast.congress;

import java.time.Instant;
import java.util.List;

/** The last import of one kind of data, as recorded in the database. */
public record ImportStatus(ImportKind kind, String source, Instant importedAt, int rows, List<String> skipped,
                           long generation) {
    public ImportStatus {
        skipped = List.copyOf(skipped);
    }
}
