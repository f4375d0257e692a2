package org.civicast.media;

import java.time.Clock;
import java.util.Optional;
import org.civicast.platform.db.Database;

/** What the import job reads and records of the files it works on. */
final class MediaImports {
    /** The outcome of a successful import: the served file and the fetched one, as stored. */
    record Stored(String fileName, String contentType, long fileSizeBytes, String sha256, Integer width,
                  Integer height, String storageKey, String originalStorageKey, String originalContentType,
                  long originalFileSizeBytes) {}

    private final Database db;
    private final Clock clock;

    MediaImports(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The file when it still waits for its import. */
    Optional<MediaStore.Pending> pending(String mediaId) {
        return db.read(h -> MediaStore.pending(h, mediaId));
    }

    /** False when the file was deleted (or settled) meanwhile: what was stored is then the caller's to remove. */
    boolean ready(String mediaId, Stored stored) {
        return db.tx(h -> MediaStore.markReady(h, mediaId, stored, clock.instant()));
    }

    void failed(String mediaId, String reason, Long sourceBytes) {
        db.tx(h -> MediaStore.markFailed(h, mediaId, reason, sourceBytes, clock.instant()));
    }
}
