package org.civicast.registry;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.civicast.platform.db.Sql;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** SQL for the brands table. */
final class BrandStore {
    /** Characters of a Campaign Verify token shown in responses; the rest is replaced by "…". */
    static final int TOKEN_PREFIX = 6;

    private static final String SELECT = """
            SELECT b.*, o.display_name AS org_name
            FROM brands b JOIN organizations o ON o.id = b.organization_id
            """;

    /** Brands in the subtree matched by {@code like}, optionally of exactly one organization. */
    static List<Brand> list(Handle h, String like, String organizationId) {
        return h.createQuery(SELECT + """
                WHERE o.path LIKE :like
                  AND (CAST(:org AS text) IS NULL OR b.organization_id = :org)
                ORDER BY b.id""")
                .bind("like", like)
                .bind("org", organizationId)
                .map(BrandStore::map)
                .list();
    }

    static Optional<Brand> find(Handle h, String like, String id) {
        return h.createQuery(SELECT + " WHERE b.id = :id AND o.path LIKE :like")
                .bind("id", id)
                .bind("like", like)
                .map(BrandStore::map)
                .findOne();
    }

    /** The stored fields of a brand in the subtree, locked until the transaction ends. */
    static Optional<BrandFields> lock(Handle h, String like, String id) {
        return h.createQuery("""
                SELECT b.brand_name, b.status, b.tcr_brand_id, b.entity_type, b.ein, b.vertical, b.identity_status,
                       b.vetting_score, b.campaign_verify_token, b.notes
                FROM brands b JOIN organizations o ON o.id = b.organization_id
                WHERE b.id = :id AND o.path LIKE :like
                FOR NO KEY UPDATE OF b""")
                .bind("id", id)
                .bind("like", like)
                .map(ConstructorMapper.of(BrandFields.class))
                .findOne();
    }

    static void insert(Handle h, String id, String organizationId, BrandFields fields, Instant now) {
        Sql.write(h, """
                INSERT INTO brands (id, organization_id, brand_name, status, tcr_brand_id, entity_type, ein, vertical,
                  identity_status, vetting_score, campaign_verify_token, notes, created_at, updated_at)
                VALUES (:id, :organizationId, :brandName, :status, :tcrBrandId, :entityType, :ein, :vertical,
                  :identityStatus, :vettingScore, :campaignVerifyToken, :notes, :now, :now)""", id, fields, now)
                .bind("organizationId", organizationId)
                .execute();
    }

    /** Writes every client field of the brand, as {@link #lock} read them and the request changed them. */
    static void update(Handle h, String id, BrandFields fields, Instant now) {
        Sql.write(h, """
                UPDATE brands SET brand_name = :brandName, status = :status, tcr_brand_id = :tcrBrandId,
                  entity_type = :entityType, ein = :ein, vertical = :vertical, identity_status = :identityStatus,
                  vetting_score = :vettingScore, campaign_verify_token = :campaignVerifyToken, notes = :notes,
                  updated_at = :now
                WHERE id = :id""", id, fields, now).execute();
    }

    static boolean hasCampaigns(Handle h, String id) {
        return Sql.exists(h, "SELECT 1 FROM campaigns WHERE brand_id = :id", "id", id);
    }

    static boolean existAt(Handle h, String organizationId) {
        return Sql.exists(h, "SELECT 1 FROM brands WHERE organization_id = :org", "org", organizationId);
    }

    static void delete(Handle h, String id) {
        h.createUpdate("DELETE FROM brands WHERE id = :id").bind("id", id).execute();
    }

    /**
     * What a response shows of a Campaign Verify token: its first characters (the token's
     * version and kind, e.g. {@code cv|1.0}) and an ellipsis. The token authorises political
     * traffic for the committee it names, so it is handled like a credential.
     */
    static String mask(String token) {
        if (token == null) return null;
        return token.substring(0, Math.min(TOKEN_PREFIX, token.length() / 3)) + "…";
    }

    private static Brand map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Brand(
                rs.getString("id"),
                rs.getString("brand_name"),
                rs.getString("organization_id"),
                rs.getString("org_name"),
                rs.getString("tcr_brand_id"),
                rs.getString("status"),
                rs.getString("identity_status"),
                rs.getString("notes"),
                Sql.instant(rs, "created_at"),
                rs.getString("entity_type"),
                rs.getString("ein"),
                rs.getString("vertical"),
                (Integer) rs.getObject("vetting_score"),
                mask(rs.getString("campaign_verify_token")),
                Sql.instant(rs, "updated_at"));
    }

    private BrandStore() {}
}
