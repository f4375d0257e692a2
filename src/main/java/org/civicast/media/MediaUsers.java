package org.civicast.media;

import java.util.List;

/**
 * Whatever uses a media file (projects attach it to their messages), told by the feature that
 * does, through {@link MediaService#usedBy}: a file in use cannot be deleted. It is asked inside
 * the deleting transaction.
 */
@FunctionalInterface
public interface MediaUsers {
    /** One user of a file, as the {@code MEDIA_IN_USE} refusal lists it in {@code details.projects}. */
    record User(String id, String name, String status) {}

    List<User> of(String mediaId);

    MediaUsers NOBODY = mediaId -> List.of();
}
