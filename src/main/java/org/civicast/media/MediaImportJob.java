package org.civicast.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import org.civicast.platform.config.MediaSettings;
import org.civicast.platform.db.Database;
import org.civicast.platform.jobs.Job;
import org.civicast.platform.jobs.JobHandler;
import org.civicast.platform.jobs.PermanentJobFailure;
import org.civicast.platform.outbound.OutboundPolicy;
import org.civicast.platform.storage.ObjectStorage;

/**
 * The {@value #KIND} job: fetches a media file's source, checks and fits it, stores the served
 * file and the original, and makes the file ready. A file that cannot be used ends failed with
 * the reason; a source or storage that fails for now is tried again, at most {@value #ATTEMPTS}
 * times (a client is polling), and the last failure ends the file failed too, never waiting.
 * Attempts write the same keys, so a repeated attempt only overwrites what an earlier one stored.
 */
public final class MediaImportJob implements JobHandler {
    public static final String KIND = "media.import";
    static final int ATTEMPTS = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MediaImports imports;
    private final MediaSource source;
    private final ObjectStorage storage;
    private final long mmsMaxBytes;

    /** {@code clientUrls} is the policy for URLs clients name; the media limits narrow it. */
    public MediaImportJob(Database db, Clock clock, OutboundPolicy clientUrls, MediaSettings settings,
                          ObjectStorage storage) {
        this.imports = new MediaImports(db, clock);
        this.source = new MediaSource(clientUrls, settings);
        this.storage = storage;
        this.mmsMaxBytes = settings.mmsMaxBytes();
    }

    static String payload(String mediaId) {
        return JSON.createObjectNode().put("media_id", mediaId).toString();
    }

    @Override
    public void run(Job job) throws Exception {
        String mediaId = mediaId(job.payload());
        Optional<MediaStore.Pending> pending = imports.pending(mediaId);
        if (pending.isEmpty()) return;
        boolean last = job.lastAttempt() || job.attempt() >= ATTEMPTS;
        byte[] bytes;
        try {
            bytes = source.fetch(URI.create(pending.get().sourceUrl()));
        } catch (MediaSource.Unavailable e) {
            if (e.temporary && !last) throw e;
            imports.failed(mediaId, e.temporary ? gaveUp(job, e.getMessage()) : e.getMessage(), null);
            return;
        }
        MediaPreparation.Prepared prepared;
        try {
            prepared = MediaPreparation.prepare(bytes, mmsMaxBytes);
        } catch (MediaRefused e) {
            imports.failed(mediaId, e.getMessage(), (long) bytes.length);
            return;
        }
        MediaImports.Stored stored;
        try {
            stored = store(pending.get(), bytes, prepared);
        } catch (IOException e) {
            if (!last) throw e;
            imports.failed(mediaId, gaveUp(job, "the file could not be stored: " + e.getMessage()), (long) bytes.length);
            return;
        }
        if (!imports.ready(mediaId, stored)) {
            // Deleted while it was being imported: nothing will ever serve these objects.
            storage.delete(stored.storageKey());
            storage.delete(stored.originalStorageKey());
        }
    }

    private MediaImports.Stored store(MediaStore.Pending file, byte[] original, MediaPreparation.Prepared p)
            throws IOException {
        String folder = "media/" + file.organizationId() + "/" + file.id() + "/";
        String fileName = FileNames.of(file.name(), p.kind().extension());
        String servedKey = folder + fileName;
        // In a folder of its own: no served file name can be the same key.
        String originalKey = p.unchanged() ? servedKey
                : folder + "original/" + FileNames.of(file.name(), p.originalKind().extension());
        if (!p.unchanged()) put(originalKey, original, p.originalKind().contentType());
        put(servedKey, p.served(), p.kind().contentType());
        return new MediaImports.Stored(fileName, p.kind().contentType(), p.served().length, sha256(p.served()),
                p.width(), p.height(), servedKey, originalKey, p.originalKind().contentType(), original.length);
    }

    private void put(String key, byte[] bytes, String contentType) throws IOException {
        storage.put(key, new ByteArrayInputStream(bytes), bytes.length, contentType);
    }

    private static String gaveUp(Job job, String reason) {
        return "gave up after " + job.attempt() + (job.attempt() == 1 ? " attempt: " : " attempts; the last: ") + reason;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String mediaId(String payload) throws PermanentJobFailure {
        try {
            JsonNode id = JSON.readTree(payload).get("media_id");
            if (id != null && id.isTextual() && !id.asText().isBlank()) return id.asText();
        } catch (Exception e) {
            throw new PermanentJobFailure("not a media import payload: " + e.getMessage(), e);
        }
        throw new PermanentJobFailure("the payload names no media_id");
    }
}
