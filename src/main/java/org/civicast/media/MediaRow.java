package org.civicast.media;

import java.time.Instant;

/**
 * A media_files row with its organization's and brand's names, as every answer is drawn from.
 * The public URL is not stored: it is the base the server is reached at, the unguessable token
 * and the file name, so a change of domain moves every URL with it.
 */
record MediaRow(String id, String organizationId, String orgName, String brandId, String brandName, String name,
                String usage, String status, String publicToken, String jobId, String fileName, String contentType,
                long fileSizeBytes, Integer width, Integer height, String storageKey, String originalStorageKey,
                String originalContentType, Long originalFileSizeBytes, String failureReason, Instant createdAt,
                Instant optimizedAt) {

    static final String OPTIMIZING = "optimizing";
    static final String READY = "ready";
    static final String FAILED = "failed";

    /** The permanent public URL under {@code base}, once ready. */
    String url(String base) {
        return READY.equals(status) && base != null ? base + "/media/" + publicToken + "/" + fileName : null;
    }

    MediaFile listed(String base) {
        return new MediaFile(id, name, brandId, brandName, organizationId, orgName, createdAt, url(base), storageKey,
                fileSizeBytes, contentType, status, true, usage, width, height, failureReason);
    }

    MediaFileDetail detail(String base) {
        return new MediaFileDetail(id, organizationId, brandId, name, status, contentType, fileSizeBytes, storageKey,
                url(base), true, createdAt, optimizedAt, usage, width, height, originalFileSizeBytes,
                originalContentType, failureReason);
    }
}
