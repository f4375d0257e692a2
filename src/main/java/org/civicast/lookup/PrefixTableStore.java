package org.civicast.lookup;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.civicast.platform.db.Sql;
import org.jdbi.v3.core.Handle;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * SQL for the offline prefix table. An import empties it with DELETE, not TRUNCATE: TRUNCATE
 * would lock lookups out until the import commits, where DELETE lets them read the old rows.
 */
final class PrefixTableStore {
    /** Imports take turns, whichever instance runs them. */
    static void lockImports(Handle h) {
        h.execute("SELECT pg_advisory_xact_lock(hashtext('civicast.lookup.prefixes'))");
    }

    static void clear(Handle h) {
        h.execute("DELETE FROM lookup_prefixes");
    }

    static Map<String, PrefixEntry> find(Handle h, Collection<String> prefixes) {
        return h.createQuery("""
                SELECT prefix, line_type, carrier, ocn, lrn, ported FROM lookup_prefixes WHERE prefix = ANY(:prefixes)""")
                .bindArray("prefixes", String.class, prefixes)
                .map((rs, ctx) -> new PrefixEntry(rs.getString("prefix"), LineType.fromWireName(rs.getString("line_type")),
                        rs.getString("carrier"), rs.getString("ocn"), rs.getString("lrn"), rs.getObject("ported", Boolean.class)))
                .stream().collect(Collectors.toMap(PrefixEntry::prefix, e -> e));
    }

    static void recordImport(Handle h, PrefixImport done) {
        h.createUpdate("""
                INSERT INTO lookup_prefix_import (single, source, row_count, imported_at) VALUES (true, :source, :rows, :importedAt)
                ON CONFLICT (single) DO UPDATE SET source = EXCLUDED.source, row_count = EXCLUDED.row_count,
                    imported_at = EXCLUDED.imported_at""")
                .bindMethods(done).execute();
    }

    static Optional<PrefixImport> lastImport(Handle h) {
        return h.createQuery("SELECT source, row_count, imported_at FROM lookup_prefix_import")
                .map((rs, ctx) -> new PrefixImport(rs.getString("source"), rs.getInt("row_count"),
                        Sql.instant(rs, "imported_at")))
                .findOne();
    }

    /** Rows streamed into the table with COPY; closing without {@link #finish} cancels them. */
    static final class Copy implements AutoCloseable {
        private static final int FLUSH_CHARS = 64 * 1024;
        private final CopyIn copy;
        private final StringBuilder pending = new StringBuilder();
        private boolean finished;

        Copy(Handle h) {
            try {
                copy = h.getConnection().unwrap(PGConnection.class).getCopyAPI().copyIn(
                        "COPY lookup_prefixes (prefix, line_type, carrier, ocn, lrn, ported) FROM STDIN");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot start copying the prefix table: " + e.getMessage(), e);
            }
        }

        void add(PrefixEntry e) {
            pending.append(e.prefix()).append('\t').append(e.lineType().wireName()).append('\t')
                    .append(text(e.carrier())).append('\t').append(text(e.ocn())).append('\t').append(text(e.lrn()))
                    .append('\t').append(e.ported() == null ? "\\N" : e.ported().toString()).append('\n');
            if (pending.length() >= FLUSH_CHARS) flush();
        }

        long finish() {
            flush();
            try {
                finished = true;
                return copy.endCopy();
            } catch (SQLException e) {
                throw new IllegalStateException("copying the prefix table failed: " + e.getMessage(), e);
            }
        }

        private void flush() {
            byte[] bytes = pending.toString().getBytes(StandardCharsets.UTF_8);
            pending.setLength(0);
            try {
                copy.writeToCopy(bytes, 0, bytes.length);
            } catch (SQLException e) {
                throw new IllegalStateException("copying the prefix table failed: " + e.getMessage(), e);
            }
        }

        /** COPY's text format: \N is null, and backslash, tab and line breaks are escaped. */
        private static String text(String value) {
            if (value == null) return "\\N";
            return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
        }

        @Override
        public void close() {
            if (finished || !copy.isActive()) return;
            try {
                copy.cancelCopy();
            } catch (SQLException e) {
                // The transaction rolls back anyway; the refusal that brought us here is what matters.
            }
        }
    }

    private PrefixTableStore() {}
}
