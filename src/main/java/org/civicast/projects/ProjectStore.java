package org.civicast.projects;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.civicast.platform.db.Sql;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** SQL for the projects table. */
final class ProjectStore {
    private static final String SELECT = """
            SELECT p.*, o.display_name AS org_name, o.path AS org_path, b.brand_name, c.name AS campaign_name
            FROM projects p JOIN organizations o ON o.id = p.organization_id
            LEFT JOIN brands b ON b.id = p.brand_id LEFT JOIN campaigns c ON c.id = p.campaign_id
            """;

    /** Who uses a list or a media file, as the refusal to delete it names them. */
    record User(String id, String name, String status) {}

    static void insert(Handle h, String id, String organizationId, ProjectRegistration r, ProjectSettings s,
                       Instant now) {
        settings(h.createUpdate("""
                INSERT INTO projects (id, organization_id, type, channel, brand_id, campaign_id, toll_free_verification_id,
                    name, status, protocol, message_text, phone_number_ids, contact_list_ids, suppression_list_ids,
                    media_ids, link_tracking_enabled, link_tracking_destination_url, link_tracking_domain_id,
                    link_tracking_param_field, link_tracking_fallback_url, opt_out_footer_enabled, smart_encoding,
                    created_via_api, created_at, updated_at)
                VALUES (:id, :org, 'broadcast', :channel, :brand, :campaign, :tfv, :name, 'draft', :protocol, :text,
                    :numbers, :lists, :suppressions, :media, :linkEnabled, :linkDestination, :linkDomain, :linkParam,
                    :linkFallback, :footer, :smart, true, :now, :now)"""), s)
                .bind("id", id).bind("org", organizationId).bind("channel", r.channel()).bind("brand", r.brandId())
                .bind("campaign", r.campaignId()).bind("tfv", r.tollFreeVerificationId()).bind("now", now)
                .execute();
    }

    /** Writes the settings and the status they leave; an edit of what recipients see also forgets the last test. */
    static void update(Handle h, String id, ProjectSettings s, ProjectStatus status, boolean forgetTest, Instant now) {
        settings(h.createUpdate("""
                UPDATE projects SET name = :name, protocol = :protocol, message_text = :text,
                    phone_number_ids = :numbers, contact_list_ids = :lists, suppression_list_ids = :suppressions,
                    media_ids = :media, link_tracking_enabled = :linkEnabled,
                    link_tracking_destination_url = :linkDestination, link_tracking_domain_id = :linkDomain,
                    link_tracking_param_field = :linkParam, link_tracking_fallback_url = :linkFallback,
                    opt_out_footer_enabled = :footer, smart_encoding = :smart,
                    tested_at = CASE WHEN :forget THEN NULL ELSE tested_at END, status = :status, updated_at = :now
                WHERE id = :id"""), s)
                .bind("id", id).bind("forget", forgetTest).bind("status", status.code()).bind("now", now)
                .execute();
    }

    private static org.jdbi.v3.core.statement.Update settings(org.jdbi.v3.core.statement.Update u, ProjectSettings s) {
        LinkSettings l = s.linkTracking();
        return u.bind("name", s.name()).bind("protocol", s.protocol()).bind("text", s.messageText())
                .bindArray("numbers", String.class, s.phoneNumberIds())
                .bindArray("lists", String.class, s.contactListIds())
                .bindArray("suppressions", String.class, s.suppressionListIds())
                .bindArray("media", String.class, s.mediaIds())
                .bind("linkEnabled", l.enabled()).bind("linkDestination", l.destinationUrl())
                .bind("linkDomain", l.domainId()).bind("linkParam", l.paramField())
                .bind("linkFallback", l.fallbackUrl()).bind("footer", s.optOutFooter()).bind("smart", s.smartEncoding());
    }

    /** Projects in the subtree matched by {@code like}, each filter applying only when given; by id. */
    static List<ProjectRow> list(Handle h, String like, String organizationId, String brandId, String campaignId,
                                 String type) {
        return h.createQuery(SELECT + """
                WHERE o.path LIKE :like
                  AND (CAST(:org AS text) IS NULL OR p.organization_id = :org)
                  AND (CAST(:brand AS text) IS NULL OR p.brand_id = :brand)
                  AND (CAST(:campaign AS text) IS NULL OR p.campaign_id = :campaign)
                  AND (CAST(:type AS text) IS NULL OR p.type = :type)
                ORDER BY p.id""")
                .bind("like", like).bind("org", organizationId).bind("brand", brandId).bind("campaign", campaignId)
                .bind("type", type)
                .map(ProjectStore::row).list();
    }

    static Optional<ProjectRow> find(Handle h, String like, String id) {
        return h.createQuery(SELECT + " WHERE p.id = :id AND o.path LIKE :like")
                .bind("id", id).bind("like", like).map(ProjectStore::row).findOne();
    }

    /** The project in the subtree, locked until the transaction ends: changes of one project take turns. */
    static Optional<ProjectRow> lock(Handle h, String like, String id) {
        h.createQuery("SELECT 1 FROM projects WHERE id = :id FOR NO KEY UPDATE").bind("id", id)
                .mapTo(Integer.class).findOne();
        return find(h, like, id);
    }

    // ---------------------------------------------------------------- changes of status
    // Each writes the status ProjectTransitions chose, with what the event records, in one
    // statement: the table's checks tie the status to scheduled_at and pause_reason.

    static void tested(Handle h, String id, ProjectStatus to, Instant now) {
        h.createUpdate("UPDATE projects SET status = :to, tested_at = :now, updated_at = :now WHERE id = :id")
                .bind("id", id).bind("to", to.code()).bind("now", now).execute();
    }

    static void scheduled(Handle h, String id, ProjectStatus to, Instant at, String timezone, boolean bypass,
                          int recipients, Instant now) {
        h.createUpdate("""
                UPDATE projects SET status = :to, scheduled_at = :at, scheduled_timezone = :zone,
                    daily_cap_bypass = :bypass, pause_reason = NULL, auto_paused = false, scheduled_recipients = :recipients,
                    updated_at = :now
                WHERE id = :id""")
                .bind("id", id).bind("to", to.code()).bind("at", at).bind("zone", timezone).bind("bypass", bypass)
                .bind("recipients", recipients).bind("now", now).execute();
    }

    static void unscheduled(Handle h, String id, ProjectStatus to, Instant now) {
        h.createUpdate("""
                UPDATE projects SET status = :to, scheduled_at = NULL, scheduled_timezone = NULL, pause_reason = NULL,
                    auto_paused = false, scheduled_recipients = NULL, unscheduled_at = :now, updated_at = :now
                WHERE id = :id""")
                .bind("id", id).bind("to", to.code()).bind("now", now).execute();
    }

    static void started(Handle h, String id, ProjectStatus to, Instant now) {
        h.createUpdate("""
                UPDATE projects SET status = :to, sending_started_at = coalesce(sending_started_at, :now),
                    updated_at = :now
                WHERE id = :id""")
                .bind("id", id).bind("to", to.code()).bind("now", now).execute();
    }

    static void paused(Handle h, String id, ProjectStatus to, PauseReason reason, boolean auto, Instant now) {
        h.createUpdate("""
                UPDATE projects SET status = :to, pause_reason = :reason, auto_paused = :auto, updated_at = :now
                WHERE id = :id""")
                .bind("id", id).bind("to", to.code()).bind("reason", reason.code()).bind("auto", auto)
                .bind("now", now).execute();
    }

    static void resumed(Handle h, String id, ProjectStatus to, Instant now) {
        h.createUpdate("""
                UPDATE projects SET status = :to, pause_reason = NULL, auto_paused = false, updated_at = :now
                WHERE id = :id""")
                .bind("id", id).bind("to", to.code()).bind("now", now).execute();
    }

    static void completed(Handle h, String id, ProjectStatus to, Instant now) {
        h.createUpdate("UPDATE projects SET status = :to, completed_at = :now, updated_at = :now WHERE id = :id")
                .bind("id", id).bind("to", to.code()).bind("now", now).execute();
    }

    // ---------------------------------------------------------------- what other features ask

    /** Projects sending to or suppressing with the list. */
    static List<User> usingList(Handle h, String listId) {
        return h.createQuery("""
                SELECT id, name, status FROM projects
                WHERE (contact_list_ids || suppression_list_ids) @> ARRAY[CAST(:list AS text)] ORDER BY id""")
                .bind("list", listId).map((rs, ctx) -> user(rs)).list();
    }

    static List<User> usingMedia(Handle h, String mediaId) {
        return h.createQuery("SELECT id, name, status FROM projects WHERE media_ids @> ARRAY[CAST(:media AS text)] ORDER BY id")
                .bind("media", mediaId).map((rs, ctx) -> user(rs)).list();
    }

    static boolean existAt(Handle h, String organizationId) {
        return Sql.exists(h, "SELECT 1 FROM projects WHERE organization_id = :org", "org", organizationId);
    }

    static boolean useCampaign(Handle h, String campaignId) {
        return Sql.exists(h, "SELECT 1 FROM projects WHERE campaign_id = :campaign", "campaign", campaignId);
    }

    private static User user(ResultSet rs) throws SQLException {
        return new User(rs.getString("id"), rs.getString("name"), rs.getString("status"));
    }

    private static ProjectRow row(ResultSet rs, StatementContext ctx) throws SQLException {
        LinkSettings link = new LinkSettings(rs.getBoolean("link_tracking_enabled"),
                rs.getString("link_tracking_destination_url"), rs.getString("link_tracking_domain_id"),
                rs.getString("link_tracking_param_field"), rs.getString("link_tracking_fallback_url"));
        ProjectSettings settings = new ProjectSettings(rs.getString("name"), rs.getString("protocol"),
                rs.getString("message_text"), strings(rs, "phone_number_ids"), strings(rs, "contact_list_ids"),
                strings(rs, "suppression_list_ids"), strings(rs, "media_ids"), link,
                rs.getBoolean("opt_out_footer_enabled"), rs.getBoolean("smart_encoding"));
        ProjectRegistration registration = new ProjectRegistration(rs.getString("channel"), rs.getString("brand_id"),
                rs.getString("campaign_id"), rs.getString("toll_free_verification_id"));
        return new ProjectRow(rs.getString("id"), rs.getString("organization_id"), rs.getString("org_name"),
                rs.getString("org_path"),
                rs.getString("type"), registration, rs.getString("brand_name"), rs.getString("campaign_name"), settings,
                ProjectStatus.of(rs.getString("status")), Sql.instant(rs, "scheduled_at"),
                rs.getString("scheduled_timezone"), rs.getBoolean("daily_cap_bypass"), rs.getString("pause_reason"),
                rs.getBoolean("auto_paused"), Sql.instant(rs, "tested_at"), Sql.instant(rs, "sending_started_at"),
                Sql.instant(rs, "unscheduled_at"), rs.getBoolean("created_via_api"), Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"), (Integer) rs.getObject("scheduled_recipients"));
    }

    private static List<String> strings(ResultSet rs, String column) throws SQLException {
        Array array = rs.getArray(column);
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private ProjectStore() {}
}
