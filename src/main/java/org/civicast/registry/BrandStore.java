package org.civicast.registry;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.civicast.platform.db.Sql;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * SQL for the brands table, plus two small helpers the other stores of this package share:
 * partial updates of named columns and recognising a unique-constraint violation.
 */
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

    static void insert(Handle h, String id, String organizationId, Map<String, Object> columns) {
        Map<String, Object> row = new java.util.LinkedHashMap<>();
        row.put("id", id);
        row.put("organization_id", organizationId);
        row.putAll(columns);
        Sql.insertRow(h, "brands", row);
    }

    static boolean tcrBrandIdTaken(Handle h, String tcrBrandId, String exceptId) {
        return h.createQuery("SELECT EXISTS (SELECT 1 FROM brands WHERE tcr_brand_id = :t AND id <> :id)")
                .bind("t", tcrBrandId)
                .bind("id", exceptId)
                .mapTo(Boolean.class)
                .one();
    }

    static boolean hasCampaigns(Handle h, String id) {
        return h.createQuery("SELECT EXISTS (SELECT 1 FROM campaigns WHERE brand_id = :id)")
                .bind("id", id)
                .mapTo(Boolean.class)
                .one();
    }

    static boolean existAt(Handle h, String organizationId) {
        return h.createQuery("SELECT EXISTS (SELECT 1 FROM brands WHERE organization_id = :org)")
                .bind("org", organizationId)
                .mapTo(Boolean.class)
                .one();
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
