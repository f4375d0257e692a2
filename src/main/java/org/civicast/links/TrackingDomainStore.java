package org.civicast.links;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.civicast.platform.db.Sql;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** SQL for the tracking_domains table. */
final class TrackingDomainStore {
    static final String ACTIVE = "active";

    private static final String SELECT = """
            SELECT d.*, o.display_name AS org_name
            FROM tracking_domains d JOIN organizations o ON o.id = d.organization_id
            """;

    /** Active domains owned in the subtree matched by {@code like}, optionally by exactly one organization. */
    static List<TrackingDomain> active(Handle h, String like, String organizationId) {
        return h.createQuery(SELECT + """
                WHERE o.path LIKE :like AND d.status = :active
                  AND (CAST(:org AS text) IS NULL OR d.organization_id = :org)
                ORDER BY d.id""")
                .bind("like", like)
                .bind("active", ACTIVE)
                .bind("org", organizationId)
                .map(TrackingDomainStore::map)
                .list();
    }

    /** Active domains that any of these organizations shares with its descendants. */
    static List<TrackingDomain> sharedBy(Handle h, List<String> organizationIds) {
        if (organizationIds.isEmpty()) return List.of();
        return h.createQuery(SELECT + """
                 WHERE d.organization_id = ANY(:orgs) AND d.shared_with_descendants AND d.status = :active
                 ORDER BY d.id""")
                .bindArray("orgs", String.class, organizationIds)
                .bind("active", ACTIVE)
                .map(TrackingDomainStore::map)
                .list();
    }

    static Optional<TrackingDomain> find(Handle h, String like, String id) {
        return h.createQuery(SELECT + " WHERE d.id = :id AND o.path LIKE :like")
                .bind("id", id)
                .bind("like", like)
                .map(TrackingDomainStore::map)
                .findOne();
    }

    /** What is written of a domain owned in the subtree, locked until the transaction ends. */
    static Optional<TrackingDomainFields> lock(Handle h, String like, String id) {
        return h.createQuery("""
                SELECT d.domain, d.status, d.shared_with_descendants, d.notes, d.verified_at
                FROM tracking_domains d JOIN organizations o ON o.id = d.organization_id
                WHERE d.id = :id AND o.path LIKE :like
                FOR NO KEY UPDATE OF d""")
                .bind("id", id)
                .bind("like", like)
                .map(ConstructorMapper.of(TrackingDomainFields.class))
                .findOne();
    }

    static void insert(Handle h, String id, String organizationId, TrackingDomainFields fields, Instant now) {
        Sql.write(h, """
                INSERT INTO tracking_domains (id, organization_id, domain, status, shared_with_descendants, notes,
                  verified_at, created_at, updated_at)
                VALUES (:id, :organizationId, :domain, :status, :sharedWithDescendants, :notes,
                  :verifiedAt, :now, :now)""", id, fields, now)
                .bind("organizationId", organizationId)
                .execute();
    }

    /** Writes what may change of a domain: everything but the name. */
    static void update(Handle h, String id, TrackingDomainFields fields, Instant now) {
        Sql.write(h, """
                UPDATE tracking_domains SET status = :status, shared_with_descendants = :sharedWithDescendants,
                  notes = :notes, verified_at = :verifiedAt, updated_at = :now
                WHERE id = :id""", id, fields, now).execute();
    }

    /** Every registered domain by its name: the hosts short links are served on, when active. */
    static Map<String, TrackingHosts.Host> hosts(Handle h) {
        Map<String, TrackingHosts.Host> hosts = new HashMap<>();
        h.createQuery("SELECT domain, id, status = :active AS active FROM tracking_domains")
                .bind("active", ACTIVE)
                .map((rs, ctx) -> new TrackingHosts.Host(rs.getString("id"), rs.getString("domain"),
                        rs.getBoolean("active")))
                .forEach(host -> hosts.put(host.name(), host));
        return hosts;
    }

    /** The name of a domain when it is active. */
    static Optional<String> activeName(Handle h, String id) {
        return h.createQuery("SELECT domain FROM tracking_domains WHERE id = :id AND status = :active")
                .bind("id", id)
                .bind("active", ACTIVE)
                .mapTo(String.class)
                .findOne();
    }

    static boolean existAt(Handle h, String organizationId) {
        return Sql.exists(h, "SELECT 1 FROM tracking_domains WHERE organization_id = :org", "org", organizationId);
    }

    static void delete(Handle h, String id) {
        h.createUpdate("DELETE FROM tracking_domains WHERE id = :id").bind("id", id).execute();
    }

    private static TrackingDomain map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new TrackingDomain(
                rs.getString("id"),
                rs.getString("domain"),
                TrackingDomain.OWN,
                rs.getString("status"),
                Sql.instant(rs, "verified_at"),
                Sql.instant(rs, "created_at"),
                rs.getString("notes"),
                rs.getString("organization_id"),
                rs.getString("org_name"),
                rs.getBoolean("shared_with_descendants"),
                Sql.instant(rs, "updated_at"));
    }

    private TrackingDomainStore() {}
}
