package org.civicast.media;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.civicast.platform.db.Sql;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** SQL for the media_files table. */
final class MediaStore {
    private static final String SELECT = """
            SELECT m.*, o.display_name AS org_name, b.brand_name AS brand_name
            FROM media_files m
              JOIN organizations o ON o.id = m.organization_id
              LEFT JOIN brands b ON b.id = m.brand_id
            """;

    /** What the import job needs of a file still waiting for it. */
    record Pending(String id, String organizationId, String sourceUrl, String name) {}

    /** What the public route serves. */
    record Published(String storageKey, String contentType, long length, String sha256) {}

    /** Files in the subtree matched by {@code like}, optionally of one organization and/or one brand. */
    static List<MediaRow> list(Handle h, String like, String organizationId, String brandId) {
        return h.createQuery(SELECT + """
                WHERE o.path LIKE :like
                  AND (CAST(:org AS text) IS NULL OR m.organization_id = :org)
                  AND (CAST(:brand AS text) IS NULL OR m.brand_id = :brand)
                ORDER BY m.id""")
                .bind("like", like).bind("org", organizationId).bind("brand", brandId)
                .map(MediaStore::map)
                .list();
    }

    static Optional<MediaRow> find(Handle h, String like, String id) {
        return h.createQuery(SELECT + " WHERE m.id = :id AND o.path LIKE :like")
                .bind("id", id).bind("like", like)
                .map(MediaStore::map)
                .findOne();
    }

    /** A new file, optimizing; {@code request} holds the organization and brand it was resolved to. */
    static void insert(Handle h, String id, ImportMedia request, String jobId, String token, Instant now) {
        Sql.write(h, """
                INSERT INTO media_files (id, organization_id, brand_id, name, usage, source_url, status, public_token,
                  job_id, created_at, updated_at)
                VALUES (:id, :organizationId, :brandId, :name, :usage, :sourceUrl, 'optimizing', :token,
                  :job, :now, :now)""", id, request, now)
                .bind("token", token).bind("job", jobId)
                .execute();
    }

    static Optional<Pending> pending(Handle h, String id) {
        return h.createQuery("""
                SELECT id, organization_id, source_url, name FROM media_files
                WHERE id = :id AND status = 'optimizing'""")
                .bind("id", id)
                .map((rs, ctx) -> new Pending(rs.getString("id"), rs.getString("organization_id"),
                        rs.getString("source_url"), rs.getString("name")))
                .findOne();
    }

    /** Makes a file ready; false when it is no longer waiting (deleted, or settled by another attempt). */
    static boolean markReady(Handle h, String id, MediaImports.Stored stored, Instant now) {
        return h.createUpdate("""
                UPDATE media_files SET status = 'ready', file_name = :file, content_type = :type,
                  file_size_bytes = :size, sha256 = :sha256, width = :width, height = :height,
                  storage_key = :key, original_storage_key = :originalKey, original_content_type = :originalType,
                  original_file_size_bytes = :originalSize, failure_reason = NULL, optimized_at = :now, updated_at = :now
                WHERE id = :id AND status = 'optimizing'""")
                .bind("id", id).bind("file", stored.fileName()).bind("type", stored.contentType())
                .bind("size", stored.fileSizeBytes()).bind("sha256", stored.sha256()).bind("width", stored.width())
                .bind("height", stored.height()).bind("key", stored.storageKey())
                .bind("originalKey", stored.originalStorageKey()).bind("originalType", stored.originalContentType())
                .bind("originalSize", stored.originalFileSizeBytes()).bind("now", now)
                .execute() == 1;
    }

    /** Fails a file still waiting; {@code sourceBytes}, when known, is what was fetched. */
    static boolean markFailed(Handle h, String id, String reason, Long sourceBytes, Instant now) {
        return h.createUpdate("""
                UPDATE media_files SET status = 'failed', failure_reason = :reason,
                  original_file_size_bytes = :size, file_size_bytes = COALESCE(:size, file_size_bytes),
                  updated_at = :now
                WHERE id = :id AND status = 'optimizing'""")
                .bind("id", id).bind("reason", reason).bind("size", sourceBytes).bind("now", now)
                .execute() == 1;
    }

    /** Deletes the row; answers the stored objects' keys (none, one or two). */
    static List<String> delete(Handle h, String id) {
        return h.createQuery("""
                DELETE FROM media_files WHERE id = :id
                RETURNING storage_key, original_storage_key""")
                .bind("id", id)
                .map((rs, ctx) -> java.util.stream.Stream.of(rs.getString(1), rs.getString(2))
                        .filter(java.util.Objects::nonNull).distinct().toList())
                .findOne().orElse(List.of());
    }

    static Optional<Published> published(Handle h, String token, String fileName) {
        return h.createQuery("""
                SELECT storage_key, content_type, file_size_bytes, sha256 FROM media_files
                WHERE public_token = :token AND file_name = :file AND status = 'ready'""")
                .bind("token", token).bind("file", fileName)
                .map((rs, ctx) -> new Published(rs.getString("storage_key"), rs.getString("content_type"),
                        rs.getLong("file_size_bytes"), rs.getString("sha256")))
                .findOne();
    }

    static boolean existAt(Handle h, String organizationId) {
        return Sql.exists(h, "SELECT 1 FROM media_files WHERE organization_id = :org", "org", organizationId);
    }

    private static MediaRow map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new MediaRow(rs.getString("id"), rs.getString("organization_id"), rs.getString("org_name"),
                rs.getString("brand_id"), rs.getString("brand_name"), rs.getString("name"), rs.getString("usage"),
                rs.getString("status"), rs.getString("public_token"), rs.getString("job_id"), rs.getString("file_name"),
                rs.getString("content_type"), rs.getLong("file_size_bytes"), (Integer) rs.getObject("width"),
                (Integer) rs.getObject("height"), rs.getString("storage_key"), rs.getString("original_storage_key"),
                rs.getString("original_content_type"), (Long) rs.getObject("original_file_size_bytes"),
                rs.getString("failure_reason"), Sql.instant(rs, "created_at"), Sql.instant(rs, "optimized_at"));
    }

    private MediaStore() {}
}
