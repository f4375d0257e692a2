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

    /** The stored fields of a campaign in the subtree, locked until the transaction ends. */
    static Optional<CampaignFields> lock(Handle h, String like, String id) {
        return h.createQuery("""
                SELECT c.name, c.use_case, c.campaign_status, c.tcr_campaign_id, c.tmobile_daily_cap, c.att_sms_tpm,
                       c.att_mms_tpm, c.notes
                FROM campaigns c JOIN brands b ON b.id = c.brand_id JOIN organizations o ON o.id = b.organization_id
                WHERE c.id = :id AND o.path LIKE :like
                FOR NO KEY UPDATE OF c""")
                .bind("id", id)
                .bind("like", like)
                .map(ConstructorMapper.of(CampaignFields.class))
                .findOne();
    }

    static void insert(Handle h, String id, String brandId, CampaignFields fields, Instant now) {
        Sql.write(h, """
                INSERT INTO campaigns (id, brand_id, name, use_case, campaign_status, tcr_campaign_id,
                  tmobile_daily_cap, att_sms_tpm, att_mms_tpm, notes, created_at, updated_at)
                VALUES (:id, :brandId, :name, :useCase, :campaignStatus, :tcrCampaignId,
                  :tmobileDailyCap, :attSmsTpm, :attMmsTpm, :notes, :now, :now)""", id, fields, now)
                .bind("brandId", brandId)
                .execute();
    }

    /** Writes every client field of the campaign, as {@link #lock} read them and the request changed them. */
    static void update(Handle h, String id, CampaignFields fields, Instant now) {
        Sql.write(h, """
                UPDATE campaigns SET name = :name, use_case = :useCase, campaign_status = :campaignStatus,
                  tcr_campaign_id = :tcrCampaignId, tmobile_daily_cap = :tmobileDailyCap, att_sms_tpm = :attSmsTpm,
                  att_mms_tpm = :attMmsTpm, notes = :notes, updated_at = :now
                WHERE id = :id""", id, fields, now).execute();
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
