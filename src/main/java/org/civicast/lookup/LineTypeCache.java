package org.civicast.lookup;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.civicast.platform.db.Sql;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.StatementContext;

/** SQL for lookup_line_types: one answer per number, whichever list or organization asked. */
final class LineTypeCache {
    /** The answers of {@code provider} for these numbers given after {@code notBefore}. */
    static List<LineInfo> fresh(Handle h, Collection<String> numbers, String provider, Instant notBefore) {
        return h.createQuery("""
                SELECT number, line_type, carrier, lrn, ported, provider, looked_up_at
                FROM lookup_line_types
                WHERE number = ANY(:numbers) AND provider = :provider AND looked_up_at > :notBefore""")
                .bindArray("numbers", String.class, numbers)
                .bind("provider", provider)
                .bind("notBefore", notBefore)
                .map(LineTypeCache::map)
                .list();
    }

    /**
     * Keeps the newest answer of each number. Rows are written in number order, so that two
     * instances storing overlapping numbers at once wait for each other instead of deadlocking.
     */
    static void store(Handle h, Collection<LineInfo> answers) {
        if (answers.isEmpty()) return;
        PreparedBatch batch = h.prepareBatch("""
                INSERT INTO lookup_line_types (number, line_type, carrier, lrn, ported, provider, looked_up_at)
                VALUES (:number, :type, :carrier, :lrn, :ported, :provider, :lookedUpAt)
                ON CONFLICT (number) DO UPDATE SET line_type = EXCLUDED.line_type, carrier = EXCLUDED.carrier,
                    lrn = EXCLUDED.lrn, ported = EXCLUDED.ported, provider = EXCLUDED.provider,
                    looked_up_at = EXCLUDED.looked_up_at
                WHERE lookup_line_types.looked_up_at <= EXCLUDED.looked_up_at""");
        answers.stream().sorted(Comparator.comparing(LineInfo::number)).forEach(a -> batch
                .bindMethods(a).bind("type", a.lineType().wireName()).add());
        batch.execute();
    }

    /** Drops every answer of one provider: the offline answers, when the table behind them is replaced. */
    static int forget(Handle h, String provider) {
        return h.createUpdate("DELETE FROM lookup_line_types WHERE provider = :provider")
                .bind("provider", provider).execute();
    }

    private static LineInfo map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new LineInfo(rs.getString("number"), LineType.fromWireName(rs.getString("line_type")),
                rs.getString("carrier"), rs.getString("lrn"), rs.getObject("ported", Boolean.class),
                rs.getString("provider"), Sql.instant(rs, "looked_up_at"));
    }

    private LineTypeCache() {}
}
