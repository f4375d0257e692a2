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

    /** Inserts a brand whose fields carry the Campaign Verify token as stored (encrypted), with its hint. */
    static void insert(Handle h, String id, String organizationId, BrandFields fields, String tokenHint, Instant now) {
        Sql.write(h, """
                INSERT INTO brands (id, organization_id, brand_name, status, tcr_brand_id, entity_type, ein, vertical,
                  identity_status, vetting_score, campaign_verify_token, campaign_verify_token_hint, notes,
                  created_at, updated_at)
                VALUES (:id, :organizationId, :brandName, :status, :tcrBrandId, :entityType, :ein, :vertical,
                  :identityStatus, :vettingScore, :campaignVerifyToken, :tokenHint, :notes, :now, :now)""",
                id, fields, now)
                .bind("organizationId", organizationId)
                .bind("tokenHint", tokenHint)
                .execute();
    }

    /**
     * Writes every client field of the brand, as {@link #lock} read them and the request changed them;
     * the token's hint changes only with a new token ({@code newTokenHint} empty: keep it).
     */
    static void update(Handle h, String id, BrandFields fields, Optional<String> newTokenHint, Instant now) {
        Sql.write(h, """
                UPDATE brands SET brand_name = :brandName, status = :status, tcr_brand_id = :tcrBrandId,
                  entity_type = :entityType, ein = :ein, vertical = :vertical, identity_status = :identityStatus,
                  vetting_score = :vettingScore, campaign_verify_token = :campaignVerifyToken, notes = :notes,
                  campaign_verify_token_hint = CASE WHEN :newHint THEN :tokenHint ELSE campaign_verify_token_hint END,
                  updated_at = :now
                WHERE id = :id""", id, fields, now)
                .bind("newHint", newTokenHint.isPresent() || fields.campaignVerifyToken() == null)
                .bind("tokenHint", newTokenHint.orElse(null))
                .execute();
    }

    /** A brand's stored Campaign Verify token, for the start-up pass that encrypts them. */
    record StoredToken(String brandId, String stored) {}

    static List<StoredToken> storedTokens(Handle h) {
        return h.createQuery("SELECT id, campaign_verify_token FROM brands WHERE campaign_verify_token IS NOT NULL")
                .map((rs, ctx) -> new StoredToken(rs.getString(1), rs.getString(2)))
                .list();
    }

    /** Replaces a stored token (and its hint, when given) if it is still the one read; true when it was. */
    static boolean replaceToken(Handle h, String brandId, String expected, CampaignVerifyTokens.Sealed sealed) {
        return h.createUpdate("""
                UPDATE brands SET campaign_verify_token = :stored,
                  campaign_verify_token_hint = COALESCE(:hint, campaign_verify_token_hint)
                WHERE id = :id AND campaign_verify_token = :expected""")
                .bind("stored", sealed.stored())
                .bind("hint", sealed.hint())
                .bind("id", brandId)
                .bind("expected", expected)
                .execute() == 1;
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
                rs.getString("campaign_verify_token_hint"),
                Sql.instant(rs, "updated_at"));
    }

    private BrandStore() {}
}
