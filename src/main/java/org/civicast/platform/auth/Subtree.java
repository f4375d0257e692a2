package org.civicast.platform.auth;

import org.civicast.platform.db.Sql;

/**
 * The part of the organization tree a caller reaches: one organization and all its descendants,
 * named by that organization's tree path ({@code /root/…/self/}, every ancestor id, root first).
 * Each feature scopes its queries with {@link #like()} against the path of the organization that
 * owns a row, so a key never sees past its own subtree.
 */
public record Subtree(String path) {
    /** Everything: the operator's command line stands above every tree. */
    public static final Subtree WHOLE_TREE = new Subtree("/");

    public Subtree {
        if (path == null || !path.startsWith("/") || !path.endsWith("/")) {
            throw new IllegalArgumentException("tree path " + path);
        }
    }

    /** True when an organization with this tree path is the subtree's root or one of its descendants. */
    public boolean contains(String organizationPath) {
        return organizationPath != null && organizationPath.startsWith(path);
    }

    /**
     * A SQL {@code LIKE} pattern matching the path of every organization in the subtree; the
     * path's own characters are taken literally (ids never hold {@code %} or {@code _} today, but
     * a pattern must not depend on that).
     */
    public String like() {
        return Sql.likePrefix(path);
    }
}
