package org.civicast.registry;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The phone numbers attached to toll-free verifications. Numbers are their own feature and depend
 * on this one, so the registry asks through this port (which the numbers feature provides) instead
 * of reading the numbers' table.
 */
public interface AttachedNumbers {
    AttachedNumbers NONE = verificationIds -> Map.of();

    /** Ids of the numbers attached to each of these verifications, in id order; absent when none. */
    Map<String, List<String>> toTollFreeVerifications(Collection<String> verificationIds);
}
