package org.civicast.contacts;

import java.net.URI;

/** A request to import a list: what the client sent, checked for form. */
public record ImportRequest(String organizationId, String brandId, String name, URI sourceUrl, String phoneColumn,
                            MergeTags mergeTags) {}
