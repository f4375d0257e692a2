package org.civicast.orgs;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.civicast.platform.auth.Principal;
import org.civicast.platform.db.Sql;
import org.jdbi.v3.core.Handle;

/** SQL for the organizations table. */
final class OrganizationStore {
    private static final String SELECT = """
            SELECT o.*, p.display_name AS parent_name
            FROM organizations o LEFT JOIN organizations p ON p.id = o.parent_id
            """;

    static Optional<Organization> find(Handle h, String id) {
        return h.createQuery(SELECT + " WHERE o.id = :id").bind("id", id).map(OrganizationStore::map).findOne();
    }

    /** The organizations whose path starts with the prefix: a whole subtree, in tree order. */
    static List<Organization> subtree(Handle h, String pathPrefix) {
        return h.createQuery(SELECT + " WHERE o.path LIKE :prefix ORDER BY o.path")
                .bind("prefix", like(pathPrefix))
                .map(OrganizationStore::map)
                .list();
    }

    /** The suspended organization among the ancestors of a path (the path's own included), if any. */
    static Optional<String> suspendedAlong(Handle h, String path) {
        return h.createQuery("""
                SELECT id FROM organizations
                WHERE status = 'suspended' AND starts_with(:path, path)
                LIMIT 1""")
                .bind("path", path)
                .mapTo(String.class)
                .findOne();
    }

    static boolean isEmpty(Handle h) {
        return h.createQuery("SELECT NOT EXISTS (SELECT 1 FROM organizations)").mapTo(Boolean.class).one();
    }

    static void insert(Handle h, Organization o) {
        h.createUpdate("""
                INSERT INTO organizations (id, parent_id, path, display_name, status, contact_email,
                  contact_first_name, contact_last_name, created_at, updated_at)
                VALUES (:id, :parentId, :path, :displayName, :status, :contactEmail,
                  :contactFirstName, :contactLastName, :createdAt, :updatedAt)""")
                .bindMethods(o)
                .execute();
    }

    static void update(Handle h, Organization o) {
        h.createUpdate("""
                UPDATE organizations SET display_name = :displayName, status = :status,
                  contact_email = :contactEmail, contact_first_name = :contactFirstName,
                  contact_last_name = :contactLastName, updated_at = :updatedAt
                WHERE id = :id""")
                .bindMethods(o)
                .execute();
    }

    /** What still hangs from an organization, by kind; an organization is deleted only when empty. */
    static List<String> dependents(Handle h, String id) {
        return h.createQuery("""
                SELECT kind FROM (
                  SELECT 'child organizations' AS kind WHERE EXISTS (SELECT 1 FROM organizations WHERE parent_id = :id)
                  UNION ALL SELECT 'brands' WHERE EXISTS (SELECT 1 FROM brands WHERE organization_id = :id)
                  UNION ALL SELECT 'phone numbers' WHERE EXISTS (SELECT 1 FROM phone_numbers WHERE organization_id = :id)
                  UNION ALL SELECT 'tracking domains' WHERE EXISTS (SELECT 1 FROM tracking_domains WHERE organization_id = :id)
                  UNION ALL SELECT 'toll-free verifications'
                    WHERE EXISTS (SELECT 1 FROM toll_free_verifications WHERE organization_id = :id)
                ) d""")
                .bind("id", id)
                .mapTo(String.class)
                .list();
    }

    static void delete(Handle h, String id) {
        h.createUpdate("DELETE FROM phone_number_shares WHERE organization_id = :id").bind("id", id).execute();
        h.createUpdate("DELETE FROM organizations WHERE id = :id").bind("id", id).execute();
    }

    /** A LIKE pattern matching everything under a path; the path's own characters are literal. */
    static String like(String pathPrefix) {
        return Sql.likePrefix(pathPrefix);
    }

    /** The pattern of everything a key reaches. */
    static String like(Principal principal) {
        return like(principal.organizationPath());
    }

    private static Organization map(ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
            throws SQLException {
        return new Organization(
                rs.getString("id"),
                rs.getString("display_name"),
                rs.getString("parent_id"),
                rs.getString("parent_name"),
                rs.getString("status"),
                rs.getString("contact_email"),
                rs.getString("contact_first_name"),
                rs.getString("contact_last_name"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                rs.getString("path"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        java.sql.Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
