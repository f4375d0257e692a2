package org.civicast.registry;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.civicast.platform.db.Sql;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

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

    /** What is written of a verification in the subtree, locked until the transaction ends. */
    static Optional<TollFreeVerificationFields> lock(Handle h, String like, String id) {
        return h.createQuery("""
                SELECT t.name, t.status, t.verification_request_id, t.business_name, t.use_case, t.rejection_reason,
                       t.submitted_at, t.verified_at
                FROM toll_free_verifications t JOIN organizations o ON o.id = t.organization_id
                WHERE t.id = :id AND o.path LIKE :like
                FOR NO KEY UPDATE OF t""")
                .bind("id", id)
                .bind("like", like)
                .map(ConstructorMapper.of(TollFreeVerificationFields.class))
                .findOne();
    }

    static void insert(Handle h, String id, String organizationId, TollFreeVerificationFields fields, Instant now) {
        Sql.write(h, """
                INSERT INTO toll_free_verifications (id, organization_id, name, status, verification_request_id,
                  business_name, use_case, rejection_reason, submitted_at, verified_at, created_at, updated_at)
                VALUES (:id, :organizationId, :name, :status, :verificationRequestId,
                  :businessName, :useCase, :rejectionReason, :submittedAt, :verifiedAt, :now, :now)""", id, fields, now)
                .bind("organizationId", organizationId)
                .execute();
    }

    /** Writes every field of the verification, as {@link #lock} read them and the service changed them. */
    static void update(Handle h, String id, TollFreeVerificationFields fields, Instant now) {
        Sql.write(h, """
                UPDATE toll_free_verifications SET name = :name, status = :status,
                  verification_request_id = :verificationRequestId, business_name = :businessName,
                  use_case = :useCase, rejection_reason = :rejectionReason, submitted_at = :submittedAt,
                  verified_at = :verifiedAt, updated_at = :now
                WHERE id = :id""", id, fields, now).execute();
    }

    static boolean existAt(Handle h, String organizationId) {
        return Sql.exists(h, "SELECT 1 FROM toll_free_verifications WHERE organization_id = :org",
                "org", organizationId);
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
