package org.civicast.media;

import java.util.List;

/**
 * Who uses a media file, asked before it is deleted: the projects that attach it. The projects
 * feature registers itself with {@link MediaService#usedBy}; until one does, nobody uses media.
 * It is asked inside the deleting transaction.
 */
@FunctionalInterface
public interface MediaUsers {
    List<Project> projectsUsing(String mediaId);

    /** A project as a {@code MEDIA_IN_USE} refusal lists it. */
    record Project(String id, String name, String status) {}
}
