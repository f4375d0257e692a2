package org.civicast.media;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A media file as lists show it (the contract's fields: {@code id}, {@code org_id}), then
 * Civicast's: what it is for, its picture size and why it failed. {@code content_type} is the
 * served file's, detected from its bytes; {@code file_size_bytes} is the source's size until the
 * file is ready, then the served file's.
 */
public record MediaFile(
        String id,
        String name,
        @JsonProperty("brand_id") String brandId,
        @JsonProperty("brand_name") String brandName,
        @JsonProperty("org_id") String orgId,
        @JsonProperty("org_name") String orgName,
        @JsonProperty("created_at") Instant createdAt,
        String url,
        @JsonProperty("storage_key") String storageKey,
        @JsonProperty("file_size_bytes") long fileSizeBytes,
        @JsonProperty("content_type") String contentType,
        String status,
        @JsonProperty("uploaded_via_api") boolean uploadedViaApi,
        String usage,
        Integer width,
        Integer height,
        @JsonProperty("failure_reason") String failureReason) {}
