package org.civicast.platform.http;

import java.util.Map;
import org.postgresql.util.PSQLException;

/**
 * Database refusals that are the caller's to resolve, not faults of ours: a write that raced
 * another and broke a constraint is a conflict; a transaction PostgreSQL aborted to break a
 * deadlock or a serialization conflict, or an unreachable database, may simply be retried.
 */
final class DatabaseErrors {
    static ApiException translate(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof PSQLException p && p.getSQLState() != null) {
                String state = p.getSQLState();
                if (state.startsWith("23")) {
                    return new ApiException(ErrorCode.CONFLICT,
                            "The request conflicts with a concurrent change; read the resource again and retry",
                            Map.of("reason", "CONCURRENT_CHANGE"));
                }
                if (state.equals("40001") || state.equals("40P01") || state.startsWith("08")
                        || state.equals("57P01")) {
                    return new ApiException(ErrorCode.SERVICE_UNAVAILABLE,
                            "The database could not complete the request; it is safe to retry");
                }
            }
            if (t instanceof java.sql.SQLTransientConnectionException) {
                return new ApiException(ErrorCode.SERVICE_UNAVAILABLE,
                        "The database is not reachable right now; it is safe to retry");
            }
        }
        return null;
    }

    private DatabaseErrors() {}
}
