package org.civicast.platform.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** Small SQL helpers every feature's store may use. */
public final class Sql {
    /**
     * An INSERT or UPDATE of one row whose SQL names every column it writes: {@code :id} is bound
     * to the row's id, {@code :now} to the time of the write, and every other name to the accessor
     * of {@code fields} it names ({@code :brandName} to {@code brandName()}). Bind anything
     * further, then execute.
     */
    public static Update write(Handle h, String sql, String id, Record fields, Instant now) {
        return h.createUpdate(sql).bind("id", id).bindMethods(fields).bind("now", now);
    }

    /** True when the query (a SELECT with one named argument) finds a row. */
    public static boolean exists(Handle h, String select, String name, Object value) {
        return h.createQuery("SELECT EXISTS (" + select + ")").bind(name, value).mapTo(Boolean.class).one();
    }

    /** A LIKE pattern matching every text that starts with the prefix, taken literally. */
    public static String likePrefix(String prefix) {
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
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
