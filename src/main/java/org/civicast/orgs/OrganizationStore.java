package org.civicast.orgs;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.civicast.platform.auth.Subtree;
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

    /** The organization, locked against other changes until the transaction ends. */
    static Optional<Organization> lock(Handle h, String id) {
        return h.createQuery(SELECT + " WHERE o.id = :id FOR NO KEY UPDATE OF o")
                .bind("id", id)
                .map(OrganizationStore::map)
                .findOne();
    }

    /** The organizations whose path starts with the prefix: a whole subtree, in tree order. */
    static List<Organization> subtree(Handle h, Subtree subtree) {
        return h.createQuery(SELECT + " WHERE o.path LIKE :subtree ORDER BY o.path")
                .bind("subtree", subtree.like())
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
                  contact_first_name, contact_last_name, quiet_hours, created_at, updated_at)
                VALUES (:id, :parentId, :path, :displayName, :status, :contactEmail,
                  :contactFirstName, :contactLastName, :quietHours, :createdAt, :updatedAt)""")
                .bindMethods(o)
                .execute();
    }

    static void update(Handle h, Organization o) {
        h.createUpdate("""
                UPDATE organizations SET display_name = :displayName, status = :status,
                  contact_email = :contactEmail, contact_first_name = :contactFirstName,
                  contact_last_name = :contactLastName, quiet_hours = :quietHours, updated_at = :updatedAt
                WHERE id = :id""")
                .bindMethods(o)
                .execute();
    }

    /** The sending hours set nearest to an organization: its own, else its closest ancestor's. */
    static Optional<String> quietHoursAlong(Handle h, String path) {
        return h.createQuery("""
                SELECT quiet_hours FROM organizations
                WHERE quiet_hours IS NOT NULL AND starts_with(:path, path)
                ORDER BY length(path) DESC LIMIT 1""")
                .bind("path", path).mapTo(String.class).findOne();
    }

    static boolean hasChildren(Handle h, String id) {
        return Sql.exists(h, "SELECT 1 FROM organizations WHERE parent_id = :id", "id", id);
    }

    static void delete(Handle h, String id) {
        h.createUpdate("DELETE FROM organizations WHERE id = :id").bind("id", id).execute();
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
                Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"),
                rs.getString("quiet_hours"),
                rs.getString("path"));
    }
}
