package org.civicast.advocacy.campaigns;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.civicast.platform.db.Sql;
import org.civicast.platform.http.Json;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** SQL for the advocacy_campaigns table. */
final class AdvocacyCampaignStore {
    private static final TypeReference<List<Action>> ACTIONS = new TypeReference<>() {};
    private static final String SELECT = """
            SELECT c.* FROM advocacy_campaigns c JOIN organizations o ON o.id = c.organization_id
            """;

    /** Campaigns in the subtree, optionally of one status, a page at a time, newest first. */
    static List<AdvocacyCampaign> list(Handle h, String like, String status, int offset, int limit) {
        return h.createQuery(SELECT + """
                WHERE o.path LIKE :like AND (CAST(:status AS text) IS NULL OR c.status = :status)
                ORDER BY c.created_at DESC, c.id DESC OFFSET :offset LIMIT :limit""")
                .bind("like", like)
                .bind("status", status)
                .bind("offset", offset)
                .bind("limit", limit)
                .map(AdvocacyCampaignStore::map)
                .list();
    }

    static long count(Handle h, String like, String status) {
        return h.createQuery("""
                SELECT count(*) FROM advocacy_campaigns c JOIN organizations o ON o.id = c.organization_id
                WHERE o.path LIKE :like AND (CAST(:status AS text) IS NULL OR c.status = :status)""")
                .bind("like", like)
                .bind("status", status)
                .mapTo(Long.class)
                .one();
    }

    static Optional<AdvocacyCampaign> find(Handle h, String like, String id) {
        return h.createQuery(SELECT + " WHERE c.id = :id AND o.path LIKE :like")
                .bind("id", id)
                .bind("like", like)
                .map(AdvocacyCampaignStore::map)
                .findOne();
    }

    /** A campaign as read, with the version it was read at. */
    record Versioned(AdvocacyCampaign campaign, long version) {}

    static Optional<Versioned> findVersioned(Handle h, String id) {
        return h.createQuery("SELECT * FROM advocacy_campaigns WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> new Versioned(map(rs, ctx), rs.getLong("version")))
                .findOne();
    }

    /**
     * A campaign in the subtree: {@code kept} itself (may be null) when the stored campaign is still
     * of its version, else as stored. The row is read either way, for its version and to check the
     * subtree, but its actions, the bulk of it, are sent and parsed only when they may have changed.
     */
    /** {@code lockKey}: when not null, the transaction's advisory lock on it is taken as the row is read. */
    static Optional<Versioned> findUnlessKept(Handle h, String like, String id, Versioned kept, String lockKey) {
        return h.createQuery("""
                SELECT c.id, c.organization_id, c.name, c.title, c.description, c.topic, c.status, c.created_at,
                  c.updated_at, c.version, CASE WHEN c.version = :kept THEN NULL ELSE c.actions END AS actions
                """ + (lockKey == null ? "" : ", pg_advisory_xact_lock(hashtext(:lock)) AS locked\n") + """
                FROM advocacy_campaigns c JOIN organizations o ON o.id = c.organization_id
                WHERE c.id = :id AND o.path LIKE :like""")
                .bind("id", id)
                .bind("like", like)
                .bind("kept", kept == null ? 0L : kept.version())
                .bind("lock", lockKey)
                .map((rs, ctx) -> rs.getString("actions") == null && kept != null ? kept
                        : new Versioned(map(rs, ctx), rs.getLong("version")))
                .findOne();
    }

    static Optional<AdvocacyCampaign> lock(Handle h, String like, String id) {
        return h.createQuery(SELECT + " WHERE c.id = :id AND o.path LIKE :like FOR NO KEY UPDATE OF c")
                .bind("id", id)
                .bind("like", like)
                .map(AdvocacyCampaignStore::map)
                .findOne();
    }

    static void insert(Handle h, String id, String organizationId, CampaignFields f, Instant now) {
        h.createUpdate("""
                INSERT INTO advocacy_campaigns (id, organization_id, name, title, description, topic, status, actions,
                  created_at, updated_at)
                VALUES (:id, :org, :name, :title, :description, :topic, :status, CAST(:actions AS jsonb), :now, :now)""")
                .bind("id", id)
                .bind("org", organizationId)
                .bindMethods(f)
                .bind("actions", Json.string(f.actions()))
                .bind("now", now)
                .execute();
    }

    static void update(Handle h, String id, CampaignFields f, Instant now) {
        h.createUpdate("""
                UPDATE advocacy_campaigns SET name = :name, title = :title, description = :description,
                  topic = :topic, status = :status, actions = CAST(:actions AS jsonb), updated_at = :now,
                  version = version + 1
                WHERE id = :id""")
                .bind("id", id)
                .bindMethods(f)
                .bind("actions", Json.string(f.actions()))
                .bind("now", now)
                .execute();
    }

    static void delete(Handle h, String id) {
        h.createUpdate("DELETE FROM advocacy_campaigns WHERE id = :id").bind("id", id).execute();
    }

    static boolean existAt(Handle h, String organizationId) {
        return Sql.exists(h, "SELECT 1 FROM advocacy_campaigns WHERE organization_id = :org", "org", organizationId);
    }

    private static AdvocacyCampaign map(ResultSet rs, StatementContext ctx) throws SQLException {
        try {
            return new AdvocacyCampaign(rs.getString("id"), rs.getString("organization_id"), rs.getString("name"),
                    rs.getString("title"), rs.getString("description"), rs.getString("topic"), rs.getString("status"),
                    Json.MAPPER.readValue(rs.getString("actions"), ACTIONS),
                    Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"));
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable actions of campaign " + rs.getString("id"), e);
        }
    }

    private AdvocacyCampaignStore() {}
}
