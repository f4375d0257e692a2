package org.civicast.media;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The 202 answer to an import: the file is being fetched and optimized; poll its detail for readiness. */
public record MediaAccepted(
        @JsonProperty("media_id") String mediaId,
        String status,
        @JsonProperty("uploaded_via_api") boolean uploadedViaApi,
        @JsonProperty("file_size_bytes") long fileSizeBytes,
        String name) {}
