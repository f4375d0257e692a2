package org.civicast.media;

/** An import request: where the file is, whose it is, what to call it and what it is for. */
public record ImportMedia(String sourceUrl, String organizationId, String brandId, String name, String usage) {}
