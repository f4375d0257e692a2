package org.civicast.contacts;

import java.util.List;

/**
 * Whatever uses a contact list (projects send to it or suppress it), told by the feature that
 * does: a list in use cannot be deleted.
 */
@FunctionalInterface
public interface ContactListUsers {
    /** One user of a list, as the 409 names it. */
    record User(String id, String name, String status) {}

    List<User> of(String listId);

    ContactListUsers NOBODY = listId -> List.of();
}
