package org.civicast.media;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The answer to a delete. */
public record MediaDeleted(@JsonProperty("media_id") String mediaId, String name, boolean deleted) {}
