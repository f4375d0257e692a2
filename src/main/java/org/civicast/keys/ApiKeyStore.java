package org.civicast.keys;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.civicast.orgs.OrganizationService;
import org.civicast.platform.auth.Principal;
import org.civicast.platform.auth.Scope;
import org.civicast.platform.auth.Subtree;
import org.jdbi.v3.core.Handle;

/** SQL for the api_keys table. */
final class ApiKeyStore {

    static Optional<Principal> principalFor(Handle h, String secretHash) {
        return h.createQuery("""
                SELECT id, organization_id, organization_path, scopes, rate_limit_per_hour, """
                + OrganizationService.suspendedAlongSql("organization_path") + """
                 AS suspended_along
                FROM api_keys WHERE secret_hash = :hash AND revoked_at IS NULL""")
                .bind("hash", secretHash)
                .map((rs, ctx) -> new Principal(
                        rs.getString("id"),
                        rs.getString("organization_id"),
                        new Subtree(rs.getString("organization_path")),
                        scopes(rs),
                        (Integer) rs.getObject("rate_limit_per_hour"),
                        new Principal.Standing(rs.getString("suspended_along"))))
                .findOne();
    }

    static void insert(Handle h, ApiKey key, String secretHash, String createdBy) {
        h.createUpdate("""
                INSERT INTO api_keys (id, organization_id, organization_path, name, display_prefix, secret_hash,
                  scopes, rate_limit_per_hour, created_by_key_id, created_at)
                VALUES (:id, :org, :path, :name, :prefix, :hash, :scopes, :limit, :createdBy, :createdAt)""")
                .bind("id", key.id())
                .bind("org", key.organizationId())
                .bind("path", key.organizationPath())
                .bind("name", key.name())
                .bind("prefix", key.prefix())
                .bind("hash", secretHash)
                .bind("scopes", key.scopes().toArray(new String[0]))
                .bind("limit", key.rateLimitPerHour())
                .bind("createdBy", createdBy)
                .bind("createdAt", key.createdAt())
                .execute();
    }

    static List<ApiKey> within(Handle h, Subtree subtree, String organizationId, boolean includeRevoked) {
        return CredentialTable.API_KEYS.within(h, subtree, organizationId, includeRevoked, ApiKeyStore::map);
    }

    static Optional<ApiKey> find(Handle h, String id) {
        return CredentialTable.API_KEYS.find(h, id, ApiKeyStore::map);
    }

    /** The key, locked against other changes until the transaction ends. */
    static Optional<ApiKey> lock(Handle h, String id) {
        return h.createQuery("SELECT * FROM api_keys WHERE id = :id FOR NO KEY UPDATE")
                .bind("id", id)
                .map(ApiKeyStore::map)
                .findOne();
    }

    static void revoke(Handle h, String id, Instant at) {
        CredentialTable.API_KEYS.revoke(h, id, at);
    }

    static void update(Handle h, String id, String name, Integer rateLimitPerHour) {
        h.createUpdate("UPDATE api_keys SET name = :name, rate_limit_per_hour = :limit WHERE id = :id")
                .bind("id", id)
                .bind("name", name)
                .bind("limit", rateLimitPerHour)
                .execute();
    }



    private static java.util.Set<Scope> scopes(ResultSet rs) throws SQLException {
        String[] names = (String[]) rs.getArray("scopes").getArray();
        java.util.EnumSet<Scope> scopes = java.util.EnumSet.noneOf(Scope.class);
        for (String name : names) scopes.add(Scope.fromWire(name));
        return scopes;
    }

    private static ApiKey map(ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx) throws SQLException {
        java.sql.Timestamp revoked = rs.getTimestamp("revoked_at");
        return new ApiKey(
                rs.getString("id"),
                rs.getString("name"),
                rs.getString("organization_id"),
                rs.getString("display_prefix"),
                Arrays.asList((String[]) rs.getArray("scopes").getArray()),
                (Integer) rs.getObject("rate_limit_per_hour"),
                rs.getTimestamp("created_at").toInstant(),
                revoked == null ? null : revoked.toInstant(),
                null,
                0,
                rs.getString("organization_path"));
    }

    private ApiKeyStore() {}
}
