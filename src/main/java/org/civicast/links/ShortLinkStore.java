package org.civicast.links;

import java.io.OutputStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * SQL for the short_links table. Links are issued through a staging table that lives in the
 * issuing transaction only: the recipients are copied in with {@code COPY}, one statement inserts
 * those without a link, one reads every recipient's link back.
 */
final class ShortLinkStore {
    /** A link as a visit finds it; {@code firstClick} when this visit was its first counted click. */
    record Visited(String code, String organizationId, String projectId, long phone, boolean test, String messageId,
                   String destination, boolean firstClick) {}

    /** A fresh staging table for one issue: (ord, phone, code, destination), rows in COPY's text format. */
    static OutputStream stage(Handle h) {
        h.execute("""
                CREATE TEMP TABLE IF NOT EXISTS short_link_staging (
                    ord integer NOT NULL, phone bigint NOT NULL, code text NOT NULL, destination text NOT NULL
                ) ON COMMIT DROP""");
        h.execute("TRUNCATE short_link_staging");
        try {
            return new PGCopyOutputStream(h.getConnection().unwrap(PGConnection.class),
                    "COPY short_link_staging (ord, phone, code, destination) FROM STDIN", 1 << 16);
        } catch (SQLException e) {
            throw new IllegalStateException("COPY into the short link staging table was refused", e);
        }
    }

    /** Statistics for the planner: a temporary table is never analysed on its own. */
    static void staged(Handle h) {
        h.execute("ANALYZE short_link_staging");
    }

    /** Points the test links that already exist for the staged numbers at the new destination and domain. */
    static void refreshTestLinks(Handle h, String projectId, String domainId) {
        h.createUpdate("""
                UPDATE short_links l SET destination = s.destination, tracking_domain_id = :domain
                FROM short_link_staging s
                WHERE l.project_id = :project AND l.test AND l.phone = s.phone""")
                .bind("project", projectId)
                .bind("domain", domainId)
                .execute();
    }

    /**
     * Inserts a link for each staged number that has none (the first staged row of a number
     * repeated). A row whose code is already taken is skipped too; {@link #read} shows it missing.
     */
    static void insertMissing(Handle h, String organizationId, String projectId, String domainId, boolean test,
                              Instant now) {
        h.createUpdate("""
                INSERT INTO short_links (code, tracking_domain_id, organization_id, project_id, phone, test,
                                         destination, created_at)
                SELECT DISTINCT ON (phone) code, :domain, :org, :project, phone, :test, destination, :now
                FROM short_link_staging ORDER BY phone, ord
                ON CONFLICT DO NOTHING""")
                .bind("domain", domainId)
                .bind("org", organizationId)
                .bind("project", projectId)
                .bind("test", test)
                .bind("now", now)
                .execute();
    }

    /** Fills {@code links[ord]} with each staged number's link; a number without one leaves null. */
    static void read(Handle h, String projectId, boolean test, ShortLink[] links) {
        Map<String, String> names = new HashMap<>();
        h.createQuery("""
                SELECT s.ord, l.code, d.domain
                FROM short_link_staging s
                JOIN short_links l ON l.project_id = :project AND l.test = :test AND l.phone = s.phone
                LEFT JOIN tracking_domains d ON d.id = l.tracking_domain_id""")
                .bind("project", projectId)
                .bind("test", test)
                .setFetchSize(10_000)
                .map((rs, ctx) -> {
                    // One String per domain, however many links share it.
                    String domain = rs.getString(3);
                    links[rs.getInt(1)] = new ShortLink(rs.getString(2), domain == null ? null
                            : names.computeIfAbsent(domain, d -> d));
                    return null;
                })
                .forEach(x -> { });
    }

    /** Gives staged rows new codes: those whose code turned out to be taken. */
    static void redraw(Handle h, int[] ords, String[] codes) {
        h.createUpdate("""
                UPDATE short_link_staging s SET code = n.code
                FROM unnest(:ords, :codes) AS n(ord, code) WHERE s.ord = n.ord""")
                .bind("ords", ords)
                .bind("codes", codes)
                .execute();
    }

    static void recordMessages(Handle h, String[] codes, String[] messageIds) {
        h.createUpdate("""
                UPDATE short_links l SET message_id = m.message_id
                FROM unnest(:codes, :ids) AS m(code, message_id) WHERE l.code = m.code""")
                .bind("codes", codes)
                .bind("ids", messageIds)
                .execute();
    }

    /** Counts the click on the link, when the code is one of this domain's. */
    static Optional<Visited> click(Handle h, String domainId, String code, Instant now) {
        return h.createQuery("""
                UPDATE short_links SET clicks = clicks + 1, last_clicked_at = :now,
                       first_clicked_at = COALESCE(first_clicked_at, :now)
                WHERE code = :code AND tracking_domain_id = :domain
                RETURNING code, organization_id, project_id, phone, test, message_id, destination,
                          clicks = 1 AS first_click""")
                .bind("code", code)
                .bind("domain", domainId)
                .bind("now", now)
                .map(ShortLinkStore::visited)
                .findOne();
    }

    /** The link without counting anything: for visits that are not clicks. */
    static Optional<Visited> find(Handle h, String domainId, String code) {
        return h.createQuery("""
                SELECT code, organization_id, project_id, phone, test, message_id, destination, false AS first_click
                FROM short_links WHERE code = :code AND tracking_domain_id = :domain""")
                .bind("code", code)
                .bind("domain", domainId)
                .map(ShortLinkStore::visited)
                .findOne();
    }

    /** Counted clicks of the projects' links, sends or tests; projects without a click are absent. */
    static Map<String, ClickCounts> counts(Handle h, Collection<String> projectIds, boolean test) {
        Map<String, ClickCounts> counts = new HashMap<>();
        h.createQuery("""
                SELECT project_id, count(*) AS unique_clicks, sum(clicks) AS total_clicks
                FROM short_links
                WHERE project_id = ANY(:projects) AND test = :test AND first_clicked_at IS NOT NULL
                GROUP BY project_id""")
                .bindArray("projects", String.class, List.copyOf(projectIds))
                .bind("test", test)
                .map((rs, ctx) -> Map.entry(rs.getString("project_id"),
                        new ClickCounts(rs.getLong("total_clicks"), rs.getLong("unique_clicks"))))
                .forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    private static Visited visited(ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx) throws SQLException {
        return new Visited(rs.getString("code"), rs.getString("organization_id"), rs.getString("project_id"),
                rs.getLong("phone"), rs.getBoolean("test"), rs.getString("message_id"), rs.getString("destination"),
                rs.getBoolean("first_click"));
    }

    private ShortLinkStore() {}
}
