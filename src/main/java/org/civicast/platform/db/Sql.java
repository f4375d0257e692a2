package org.civicast.platform.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** Small SQL helpers every feature's store may use. */
public final class Sql {
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

    /**
     * Updates only the columns a PATCH sent. Column names come from the feature's own code, never
     * from a request; they are still checked, so a mistake cannot become SQL injection.
     */
    public static void updateColumns(Handle h, String table, String id, Map<String, Object> columns) {
        if (columns.isEmpty()) return;
        StringJoiner set = new StringJoiner(", ");
        for (String column : columns.keySet()) {
            if (!IDENTIFIER.matcher(column).matches()) throw new IllegalArgumentException("column " + column);
            set.add(column + " = :" + column);
        }
        if (!IDENTIFIER.matcher(table).matches()) throw new IllegalArgumentException("table " + table);
        Update update = h.createUpdate("UPDATE " + table + " SET " + set + " WHERE id = :id").bind("id", id);
        columns.forEach(update::bind);
        update.execute();
    }

    /** A LIKE pattern matching every text that starts with the prefix, taken literally. */
    public static String likePrefix(String prefix) {
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    /** Inserts one row from column names to values (names from code, checked as for updates). */
    public static void insertRow(Handle h, String table, Map<String, Object> columns) {
        StringJoiner names = new StringJoiner(", ", "(", ")");
        StringJoiner values = new StringJoiner(", ", "(", ")");
        for (String column : columns.keySet()) {
            if (!IDENTIFIER.matcher(column).matches()) throw new IllegalArgumentException("column " + column);
            names.add(column);
            values.add(":" + column);
        }
        if (!IDENTIFIER.matcher(table).matches()) throw new IllegalArgumentException("table " + table);
        Update insert = h.createUpdate("INSERT INTO " + table + " " + names + " VALUES " + values);
        columns.forEach(insert::bind);
        insert.execute();
    }

    /** True when the failure is PostgreSQL refusing a duplicate under the named unique constraint. */
    public static boolean isUniqueViolation(RuntimeException e, String constraint) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PSQLException p && "23505".equals(p.getSQLState())) {
                ServerErrorMessage m = p.getServerErrorMessage();
                return m == null || constraint.equals(m.getConstraint());
            }
        }
        return false;
    }

    /** A nullable timestamp column as an instant. */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private Sql() {}
}
