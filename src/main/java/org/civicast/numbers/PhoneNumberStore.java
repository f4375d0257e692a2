package org.civicast.numbers;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.civicast.platform.db.Sql;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * SQL for phone numbers and their shares. A number is listed once for its owner and once more
 * for every organization it is shared with. A shared row shows the number, not the sharer's
 * registrations: its campaign, brand and toll-free verification (ids, names, status) are null, as
 * the receiver could not open them anyway. Filters apply to the rows as shown, so a shared row
 * never matches a brand or campaign filter.
 */
final class PhoneNumberStore {
    private static final String OWNER_TYPE = """
            CASE WHEN p.campaign_id IS NOT NULL THEN 'campaign'
                 WHEN p.toll_free_verification_id IS NOT NULL THEN 'toll_free_registration'
                 WHEN p.channel = 'short-code' THEN 'short_code'
                 ELSE 'unassigned' END""";

    /** Owned rows of numbers whose organization is in the subtree matched by :like, then shared rows. */
    private static final String ROWS = """
            SELECT p.id, p.number, p.channel, %1$s AS owner_type, p.campaign_id, c.name AS campaign_name,
                   c.brand_id, b.brand_name, p.toll_free_verification_id, t.status AS tf_verification_status,
                   t.name AS toll_free_registration_name, t.business_name AS toll_free_business_name,
                   p.organization_id AS org_id, o.display_name AS org_name, p.status, p.created_at,
                   false AS shared, NULL AS nickname, p.updated_at
            FROM phone_numbers p JOIN organizations o ON o.id = p.organization_id
            LEFT JOIN campaigns c ON c.id = p.campaign_id LEFT JOIN brands b ON b.id = c.brand_id
            LEFT JOIN toll_free_verifications t ON t.id = p.toll_free_verification_id
            WHERE o.path LIKE :like
            UNION ALL
            SELECT p.id, p.number, p.channel, %1$s, NULL, NULL,
                   NULL, NULL, NULL, NULL,
                   NULL, NULL,
                   s.organization_id, r.display_name, p.status, p.created_at,
                   true, s.nickname, p.updated_at
            FROM phone_number_shares s JOIN phone_numbers p ON p.id = s.phone_number_id
            JOIN organizations r ON r.id = s.organization_id
            WHERE r.path LIKE :like
            """.formatted(OWNER_TYPE);

    /** The rows as shown, each filter applying only when it is given. */
    private static final String LIST = "SELECT * FROM (" + ROWS + """
            ) x
            WHERE (CAST(:org AS text) IS NULL OR x.org_id = :org)
              AND (CAST(:brand AS text) IS NULL OR x.brand_id = :brand)
              AND (CAST(:campaign AS text) IS NULL OR x.campaign_id = :campaign)
              AND (CAST(:channel AS text) IS NULL OR x.channel = :channel)
              AND (CAST(:owner AS text) IS NULL OR x.owner_type = :owner)
            ORDER BY x.id, x.shared, x.org_id""";

    static List<PhoneNumber> list(Handle h, String like, PhoneNumberService.Filter f) {
        return h.createQuery(LIST)
                .bind("like", like)
                .bind("org", f.organizationId())
                .bind("brand", f.brandId())
                .bind("campaign", f.campaignId())
                .bind("channel", f.channel())
                .bind("owner", f.ownerType())
                .map(PhoneNumberStore::map)
                .list();
    }

    /** The owned row of one number in the subtree. */
    static Optional<PhoneNumber> find(Handle h, String like, String id) {
        return h.createQuery("SELECT * FROM (" + ROWS + ") x WHERE x.id = :id AND NOT x.shared")
                .bind("like", like)
                .bind("id", id)
                .map(PhoneNumberStore::map)
                .findOne();
    }

    static boolean ownedAt(Handle h, String organizationId) {
        return Sql.exists(h, "SELECT 1 FROM phone_numbers WHERE organization_id = :org", "org", organizationId);
    }

    static boolean inCampaign(Handle h, String campaignId) {
        return Sql.exists(h, "SELECT 1 FROM phone_numbers WHERE campaign_id = :campaign", "campaign", campaignId);
    }

    /** Ids of the numbers attached to each of these toll-free verifications, in id order. */
    static Map<String, List<String>> byTollFreeVerification(Handle h, Collection<String> verificationIds) {
        if (verificationIds.isEmpty()) return Map.of();
        Map<String, List<String>> attached = new HashMap<>();
        h.createQuery("""
                SELECT toll_free_verification_id, id FROM phone_numbers
                WHERE toll_free_verification_id = ANY(:ids) ORDER BY id""")
                .bindArray("ids", String.class, List.copyOf(verificationIds))
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                .forEach(e -> attached.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return attached;
    }

    /** What is written of a number owned in the subtree, locked until the transaction ends. */
    static Optional<PhoneNumberFields> lock(Handle h, String like, String id) {
        return h.createQuery("""
                SELECT p.organization_id, p.number, p.channel, p.status, p.campaign_id, p.toll_free_verification_id
                FROM phone_numbers p JOIN organizations o ON o.id = p.organization_id
                WHERE p.id = :id AND o.path LIKE :like
                FOR NO KEY UPDATE OF p""")
                .bind("id", id)
                .bind("like", like)
                .map(ConstructorMapper.of(PhoneNumberFields.class))
                .findOne();
    }

    static void insert(Handle h, String id, PhoneNumberFields fields, Instant now) {
        Sql.write(h, """
                INSERT INTO phone_numbers (id, organization_id, number, channel, status, campaign_id,
                  toll_free_verification_id, created_at, updated_at)
                VALUES (:id, :organizationId, :number, :channel, :status, :campaignId,
                  :tollFreeVerificationId, :now, :now)""", id, fields, now).execute();
    }

    /** Writes what may change of a number: its status and attachments. */
    static void update(Handle h, String id, PhoneNumberFields fields, Instant now) {
        Sql.write(h, """
                UPDATE phone_numbers SET status = :status, campaign_id = :campaignId,
                  toll_free_verification_id = :tollFreeVerificationId, updated_at = :now
                WHERE id = :id""", id, fields, now).execute();
    }

    /** Deletes the number; its shares go with it (ON DELETE CASCADE). */
    static void delete(Handle h, String id) {
        h.createUpdate("DELETE FROM phone_numbers WHERE id = :id").bind("id", id).execute();
    }

    /** Creates the share, or renames it when it exists; the original created_at stays. */
    static PhoneNumberShare upsertShare(Handle h, PhoneNumberShare share, boolean renames) {
        return h.createQuery("""
                INSERT INTO phone_number_shares (phone_number_id, organization_id, nickname, created_at)
                VALUES (:phoneNumberId, :organizationId, :nickname, :createdAt)
                ON CONFLICT (phone_number_id, organization_id) DO UPDATE
                  SET nickname = CASE WHEN :renames THEN excluded.nickname ELSE phone_number_shares.nickname END
                RETURNING phone_number_id, organization_id, nickname, created_at""")
                .bindMethods(share)
                .bind("renames", renames)
                .map((rs, ctx) -> new PhoneNumberShare(rs.getString("phone_number_id"),
                        rs.getString("organization_id"), rs.getString("nickname"),
                        Sql.instant(rs, "created_at")))
                .one();
    }

    static boolean deleteShare(Handle h, String phoneNumberId, String organizationId) {
        return h.createUpdate("DELETE FROM phone_number_shares WHERE phone_number_id = :p AND organization_id = :o")
                .bind("p", phoneNumberId)
                .bind("o", organizationId)
                .execute() > 0;
    }

    private static PhoneNumber map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new PhoneNumber(
                rs.getString("id"),
                rs.getString("number"),
                rs.getString("channel"),
                rs.getString("owner_type"),
                rs.getString("campaign_id"),
                rs.getString("campaign_name"),
                rs.getString("brand_id"),
                rs.getString("brand_name"),
                rs.getString("toll_free_verification_id"),
                rs.getString("tf_verification_status"),
                rs.getString("toll_free_registration_name"),
                rs.getString("toll_free_business_name"),
                rs.getString("org_id"),
                rs.getString("org_name"),
                rs.getString("status"),
                Sql.instant(rs, "created_at"),
                rs.getBoolean("shared"),
                rs.getString("nickname"),
                Sql.instant(rs, "updated_at"));
    }

    private PhoneNumberStore() {}
}
