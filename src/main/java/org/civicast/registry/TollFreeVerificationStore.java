package org.civicast.registry;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.civicast.platform.db.Sql;
import org.jdbi.v3.core.Handle;

/** SQL for the toll_free_verifications table. */
final class TollFreeVerificationStore {
    private static final String SELECT = """
            SELECT t.*, o.display_name AS org_name
            FROM toll_free_verifications t JOIN organizations o ON o.id = t.organization_id
            """;

    static List<TollFreeVerification> list(Handle h, String like, String organizationId, String status) {
        return h.createQuery(SELECT + """
                WHERE o.path LIKE :like
                  AND (CAST(:org AS text) IS NULL OR t.organization_id = :org)
                  AND (CAST(:status AS text) IS NULL OR t.status = :status)
                ORDER BY t.id""")
                .bind("like", like)
                .bind("org", organizationId)
                .bind("status", status)
                .map((rs, ctx) -> map(rs))
                .list();
    }

    static Optional<TollFreeVerificationDetail> find(Handle h, String like, String id) {
        return h.createQuery(SELECT + " WHERE t.id = :id AND o.path LIKE :like")
                .bind("id", id)
                .bind("like", like)
                .map((rs, ctx) -> new TollFreeVerificationDetail(map(rs), List.of(), rs.getString("rejection_reason"),
                        Sql.instant(rs, "updated_at")))
                .findOne();
    }

    static void insert(Handle h, String id, String organizationId, Map<String, Object> columns) {
        Map<String, Object> row = new java.util.LinkedHashMap<>();
        row.put("id", id);
        row.put("organization_id", organizationId);
        row.putAll(columns);
        Sql.insertRow(h, "toll_free_verifications", row);
    }

    static boolean existAt(Handle h, String organizationId) {
        return h.createQuery("SELECT EXISTS (SELECT 1 FROM toll_free_verifications WHERE organization_id = :org)")
                .bind("org", organizationId)
                .mapTo(Boolean.class)
                .one();
    }

    static void delete(Handle h, String id) {
        h.createUpdate("DELETE FROM toll_free_verifications WHERE id = :id").bind("id", id).execute();
    }

    private static TollFreeVerification map(ResultSet rs) throws SQLException {
        return new TollFreeVerification(
                rs.getString("id"),
                rs.getString("name"),
                rs.getString("status"),
                rs.getString("verification_request_id"),
                rs.getString("organization_id"),
                rs.getString("org_name"),
                rs.getString("business_name"),
                rs.getString("use_case"),
                0,
                Sql.instant(rs, "submitted_at"),
                Sql.instant(rs, "verified_at"),
                Sql.instant(rs, "created_at"));
    }

    private TollFreeVerificationStore() {}
}
