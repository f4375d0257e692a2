package org.civicast.keys;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.civicast.platform.auth.Subtree;
import org.civicast.platform.db.Sql;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * The SQL the two credential tables share: API keys and Auth Tokens are both issued at an
 * organization (its tree path copied beside them), listed by subtree, and revoked, never deleted.
 * Table names come from these constants only.
 */
enum CredentialTable {
    API_KEYS("api_keys"),
    AUTH_TOKENS("auth_tokens");

    private final String table;

    CredentialTable(String table) {
        this.table = table;
    }

    <T> List<T> within(Handle h, Subtree subtree, String organizationId, boolean includeRevoked, RowMapper<T> mapper) {
        return h.createQuery("SELECT * FROM " + table + """
                 WHERE organization_path LIKE :like
                  AND (CAST(:org AS text) IS NULL OR organization_id = :org)
                  AND (:includeRevoked OR revoked_at IS NULL)
                ORDER BY id""")
                .bind("like", subtree.like())
                .bind("org", organizationId)
                .bind("includeRevoked", includeRevoked)
                .map(mapper)
                .list();
    }

    <T> Optional<T> find(Handle h, String id, RowMapper<T> mapper) {
        return h.createQuery("SELECT * FROM " + table + " WHERE id = :id").bind("id", id).map(mapper).findOne();
    }

    void revoke(Handle h, String id, Instant at) {
        h.createUpdate("UPDATE " + table + " SET revoked_at = :at WHERE id = :id AND revoked_at IS NULL")
                .bind("id", id)
                .bind("at", at)
                .execute();
    }

    /** True when the organization still has credentials that work. */
    boolean activeAt(Handle h, String organizationId) {
        return Sql.exists(h, "SELECT 1 FROM " + table + " WHERE organization_id = :org AND revoked_at IS NULL",
                "org", organizationId);
    }
}
