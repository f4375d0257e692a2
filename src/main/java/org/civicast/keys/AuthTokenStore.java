package org.civicast.keys;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.civicast.orgs.OrganizationService;
import org.civicast.platform.auth.Subtree;
import org.civicast.platform.db.Sql;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** SQL for the auth_tokens table. */
final class AuthTokenStore {
    /** A token not revoked, and the suspended organization on its path when there is one (else null). */
    record Active(AuthToken token, String suspendedAlong) {}

    /** The token whose secret hashes to this, if it is not revoked, with its standing. */
    static Optional<Active> active(Handle h, String secretHash) {
        return h.createQuery("SELECT t.*, " + OrganizationService.suspendedAlongSql("t.organization_path")
                        + " AS suspended_along FROM auth_tokens t WHERE t.secret_hash = :hash AND t.revoked_at IS NULL")
                .bind("hash", secretHash)
                .map((rs, ctx) -> new Active(map(rs, ctx), rs.getString("suspended_along")))
                .findOne();
    }

    static void insert(Handle h, AuthToken token, String secretHash, String createdBy) {
        h.createUpdate("""
                INSERT INTO auth_tokens (id, organization_id, organization_path, name, display_prefix, secret_hash,
                  created_by, created_at)
                VALUES (:id, :org, :path, :name, :prefix, :hash, :createdBy, :createdAt)""")
                .bind("id", token.id())
                .bind("org", token.accountId())
                .bind("path", token.organizationPath())
                .bind("name", token.name())
                .bind("prefix", token.prefix())
                .bind("hash", secretHash)
                .bind("createdBy", createdBy)
                .bind("createdAt", token.createdAt())
                .execute();
    }

    static List<AuthToken> within(Handle h, Subtree subtree, String organizationId, boolean includeRevoked) {
        return CredentialTable.AUTH_TOKENS.within(h, subtree, organizationId, includeRevoked, AuthTokenStore::map);
    }

    static Optional<AuthToken> find(Handle h, String id) {
        return CredentialTable.AUTH_TOKENS.find(h, id, AuthTokenStore::map);
    }

    static void revoke(Handle h, String id, Instant at) {
        CredentialTable.AUTH_TOKENS.revoke(h, id, at);
    }


    private static AuthToken map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new AuthToken(rs.getString("id"), rs.getString("name"), rs.getString("organization_id"),
                rs.getString("display_prefix"), Sql.instant(rs, "created_at"), Sql.instant(rs, "revoked_at"),
                null, 0, rs.getString("organization_path"));
    }

    private AuthTokenStore() {}
}
