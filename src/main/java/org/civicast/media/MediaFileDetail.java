package org.civicast.media;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * One media file as {@code GET /v1/media/{id}} shows it: the contract names it {@code media_id}
 * and {@code organization_id}, unlike lists. {@code url} is set only when ready and never
 * changes; {@code file_size_bytes} is 0 until the file is fetched. Civicast adds the picture
 * size, the size of the file as fetched (kept beside the fitted one) and why it failed.
 */
public record MediaFileDetail(
        @JsonProperty("media_id") String mediaId,
        @JsonProperty("organization_id") String organizationId,
        @JsonProperty("brand_id") String brandId,
        String name,
        String status,
        @JsonProperty("content_type") String contentType,
        @JsonProperty("file_size_bytes") long fileSizeBytes,
        @JsonProperty("storage_key") String storageKey,
        String url,
        @JsonProperty("uploaded_via_api") boolean uploadedViaApi,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("optimized_at") Instant optimizedAt,
        String usage,
        Integer width,
        Integer height,
        @JsonProperty("original_file_size_bytes") Long originalFileSizeBytes,
        @JsonProperty("original_content_type") String originalContentType,
        @JsonProperty("failure_reason") String failureReason) {}
