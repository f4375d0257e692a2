package org.civicast.contacts;

import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.civicast.platform.db.Sql;
import org.civicast.platform.http.Json;
import org.jdbi.v3.core.Handle;

/** SQL for the contact_lists table. */
final class ContactListStore {
    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {};

    /** A list as the feature works with it. */
    record Row(String id, long key, String organizationId, String brandId, String brandName, String orgName,
               String name, String phoneColumn, MergeTags tags, boolean importedViaApi, String status, int progress,
               String failureReason, ImportCounts counts, Instant startedAt, Instant completedAt,
               String analysisStatus, String analysisFailure, Instant analysisStartedAt, Instant analysisCompletedAt,
               Instant createdAt) {}

    private static final String SELECT = """
            SELECT l.*, o.display_name AS org_name, b.brand_name
            FROM contact_lists l JOIN organizations o ON o.id = l.organization_id
            LEFT JOIN brands b ON b.id = l.brand_id
            """;

    static void insert(Handle h, String id, String organizationId, String brandId, String name, String source,
                       String phoneColumn, MergeTags tags, Instant now) {
        h.createUpdate("""
                INSERT INTO contact_lists (id, organization_id, brand_id, name, source, phone_column, merge_tags,
                    custom_tags, imported_via_api, status, progress, created_at, updated_at)
                VALUES (:id, :org, :brand, :name, :source, :phone, CAST(:tags AS jsonb), :custom, true, 'processing', 0,
                    :now, :now)""")
                .bind("id", id).bind("org", organizationId).bind("brand", brandId).bind("name", name)
                .bind("source", source).bind("phone", phoneColumn).bind("tags", Json.string(tags.asJson()))
                .bindArray("custom", String.class, tags.customTags()).bind("now", now)
                .execute();
    }

    static List<Row> list(Handle h, String like, String organizationId, String brandId) {
        return h.createQuery(SELECT + """
                WHERE o.path LIKE :like AND (CAST(:org AS text) IS NULL OR l.organization_id = :org)
                  AND (CAST(:brand AS text) IS NULL OR l.brand_id = :brand)
                ORDER BY l.id""")
                .bind("like", like).bind("org", organizationId).bind("brand", brandId)
                .map(ContactListStore::row).list();
    }

    static Optional<Row> find(Handle h, String like, String id) {
        return h.createQuery(SELECT + " WHERE l.id = :id AND o.path LIKE :like")
                .bind("id", id).bind("like", like).map(ContactListStore::row).findOne();
    }

    /** The list for a background job, which acts for no key. */
    static Optional<Row> find(Handle h, String id) {
        return h.createQuery(SELECT + " WHERE l.id = :id").bind("id", id).map(ContactListStore::row).findOne();
    }

    /** The list, locked until the transaction ends: two analyze requests take turns. */
    static Optional<Row> lock(Handle h, String id) {
        h.createQuery("SELECT 1 FROM contact_lists WHERE id = :id FOR NO KEY UPDATE").bind("id", id).mapTo(Integer.class).findOne();
        return find(h, id);
    }

    static void started(Handle h, String id, Instant now) {
        h.createUpdate("""
                UPDATE contact_lists SET status = 'processing', progress = 0, failure_reason = NULL,
                    processing_started_at = :now, updated_at = :now
                WHERE id = :id AND status IN ('uploading', 'processing')""")
                .bind("id", id).bind("now", now).execute();
    }

    static void progress(Handle h, String id, int percent) {
        h.createUpdate("UPDATE contact_lists SET progress = :p WHERE id = :id AND status = 'processing' AND progress < :p")
                .bind("id", id).bind("p", percent).execute();
    }

    static void ready(Handle h, String id, ImportCounts c, Instant now) {
        h.createUpdate("""
                UPDATE contact_lists SET status = 'ready', progress = 100, total_rows = :rows, total_contacts = :contacts,
                    clean_contacts = :clean, duplicate_count = :duplicates, bad_number_count = :bad,
                    opted_out_count = :opted, processing_completed_at = :now, updated_at = :now
                WHERE id = :id""")
                .bind("id", id).bind("rows", c.totalRows()).bind("contacts", c.totalContacts())
                .bind("clean", c.cleanContacts()).bind("duplicates", c.duplicates()).bind("bad", c.badNumbers())
                .bind("opted", c.optedOut()).bind("now", now)
                .execute();
    }

    static void failed(Handle h, String id, String reason, Instant now) {
        h.createUpdate("""
                UPDATE contact_lists SET status = 'failed', failure_reason = :reason, processing_completed_at = :now,
                    updated_at = :now
                WHERE id = :id AND status <> 'ready'""")
                .bind("id", id).bind("reason", reason).bind("now", now).execute();
    }

    static boolean existAt(Handle h, String organizationId) {
        return Sql.exists(h, "SELECT 1 FROM contact_lists WHERE organization_id = :org", "org", organizationId);
    }

    /** Removes a list with its contacts and rejected rows (they carry its key without a foreign key). */
    static void delete(Handle h, String id) {
        Long key = h.createQuery("DELETE FROM contact_lists WHERE id = :id RETURNING list_key").bind("id", id)
                .mapTo(Long.class).findOne().orElse(null);
        if (key == null) return;
        h.execute("DROP TABLE IF EXISTS " + ContactStaging.partition(key));
        h.createUpdate("DELETE FROM contact_rejects WHERE list_key = :key").bind("key", key).execute();
    }

    private static Row row(ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx) throws SQLException {
        ImportCounts counts = rs.getObject("total_rows") == null ? null : new ImportCounts(rs.getInt("total_rows"),
                rs.getInt("total_contacts"), rs.getInt("clean_contacts"), rs.getInt("duplicate_count"),
                rs.getInt("bad_number_count"), rs.getInt("opted_out_count"));
        MergeTags tags;
        try {
            tags = MergeTags.fromJson(Json.MAPPER.readValue(rs.getString("merge_tags"), JSON_OBJECT));
        } catch (java.io.IOException e) {
            throw new SQLException("merge_tags of " + rs.getString("id") + " is not JSON", e);
        }
        return new Row(rs.getString("id"), rs.getLong("list_key"), rs.getString("organization_id"),
                rs.getString("brand_id"), rs.getString("brand_name"), rs.getString("org_name"), rs.getString("name"),
                rs.getString("phone_column"), tags, rs.getBoolean("imported_via_api"), rs.getString("status"),
                rs.getInt("progress"), rs.getString("failure_reason"), counts, Sql.instant(rs, "processing_started_at"),
                Sql.instant(rs, "processing_completed_at"), rs.getString("analysis_status"),
                rs.getString("analysis_failure"), Sql.instant(rs, "analysis_started_at"),
                Sql.instant(rs, "analysis_completed_at"), Sql.instant(rs, "created_at"));
    }

    private ContactListStore() {}
}
