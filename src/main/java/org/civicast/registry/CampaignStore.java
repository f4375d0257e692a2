package org.civicast.registry;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.civicast.platform.db.Sql;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** SQL for the campaigns table; a campaign belongs to its brand's organization. */
final class CampaignStore {
    private static final String SELECT = """
            SELECT c.*, b.brand_name, b.organization_id, o.display_name AS org_name
            FROM campaigns c JOIN brands b ON b.id = c.brand_id JOIN organizations o ON o.id = b.organization_id
            """;

    /** Campaigns in the subtree matched by {@code like}; each filter is optional. */
    static List<Campaign> list(Handle h, String like, String organizationId, String brandId) {
        return h.createQuery(SELECT + """
                WHERE o.path LIKE :like
                  AND (CAST(:org AS text) IS NULL OR b.organization_id = :org)
                  AND (CAST(:brand AS text) IS NULL OR c.brand_id = :brand)
                ORDER BY c.id""")
                .bind("like", like)
                .bind("org", organizationId)
                .bind("brand", brandId)
                .map(CampaignStore::map)
                .list();
    }

    static Optional<Campaign> find(Handle h, String like, String id) {
        return h.createQuery(SELECT + " WHERE c.id = :id AND o.path LIKE :like")
                .bind("id", id)
                .bind("like", like)
                .map(CampaignStore::map)
                .findOne();
    }

    static void insert(Handle h, String id, String brandId, Map<String, Object> columns) {
        Map<String, Object> row = new java.util.LinkedHashMap<>();
        row.put("id", id);
        row.put("brand_id", brandId);
        row.putAll(columns);
        Sql.insertRow(h, "campaigns", row);
    }

    static boolean tcrCampaignIdTaken(Handle h, String tcrCampaignId, String exceptId) {
        return h.createQuery("SELECT EXISTS (SELECT 1 FROM campaigns WHERE tcr_campaign_id = :t AND id <> :id)")
                .bind("t", tcrCampaignId)
                .bind("id", exceptId)
                .mapTo(Boolean.class)
                .one();
    }

    static void delete(Handle h, String id) {
        h.createUpdate("DELETE FROM campaigns WHERE id = :id").bind("id", id).execute();
    }

    private static Campaign map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Campaign(
                rs.getString("id"),
                rs.getString("name"),
                rs.getString("brand_id"),
                rs.getString("brand_name"),
                rs.getString("organization_id"),
                rs.getString("org_name"),
                rs.getString("campaign_status"),
                rs.getString("notes"),
                Sql.instant(rs, "created_at"),
                rs.getString("use_case"),
                rs.getString("tcr_campaign_id"),
                (Integer) rs.getObject("tmobile_daily_cap"),
                (Integer) rs.getObject("att_sms_tpm"),
                (Integer) rs.getObject("att_mms_tpm"),
                Sql.instant(rs, "updated_at"));
    }

    private CampaignStore() {}
}
