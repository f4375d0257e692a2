package org.civicast.contacts;

import java.time.Instant;
import java.util.List;

/**
 * Where a list's analysis learns each number's line type: the lookup feature, with its cache and
 * its providers. Failing with {@link IllegalStateException} means retrying will not help (bad
 * credentials); any other exception is tried again.
 */
@FunctionalInterface
public interface LineTypeSource {
    /** What is known of one number; {@code lineType} is mobile, landline, voip or invalid. */
    record LineType(long phone, String lineType, String carrier, String lrn, Boolean ported, Instant lookedUpAt) {}

    /** Looks up numbers (E.164 digits without '+') for an organization, billed to it, naming the list as the reason. */
    List<LineType> lookup(String organizationId, String listId, List<Long> phones) throws Exception;
}
