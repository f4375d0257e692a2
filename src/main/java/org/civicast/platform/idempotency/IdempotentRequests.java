package org.civicast.platform.idempotency;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.civicast.platform.db.Database;
import org.civicast.platform.http.ApiException;
import org.civicast.platform.http.ErrorCode;

/**
 * Makes a write safe to repeat: the first request under an Idempotency-Key runs, and its answer
 * is stored in the same transaction as its effects; repeats get that answer back.
 *
 * <p>Two identical requests arriving together are serialised by PostgreSQL itself: the second
 * one's insert of the key waits on the first one's uncommitted row, then sees it committed and
 * replays it. If the first fails or the server dies mid-request, its transaction and its claim
 * vanish together and a retry runs afresh, so nothing is done twice and nothing is half done.
 */
public final class IdempotentRequests {
    private final Database db;
    private final Clock clock;
    private final Duration ttl;

    public IdempotentRequests(Database db, Clock clock, Duration ttl) {
        this.db = db;
        this.clock = clock;
        this.ttl = ttl;
    }

    /** A response: its status, the body sent now, and the body to keep for replays. */
    public record Response(int status, byte[] body, byte[] remembered, boolean replayed) {}

    public Response execute(String apiKeyId, String idempotencyKey, String requestHash, Supplier<Response> request) {
        Instant now = clock.instant();
        return db.tx(h -> {
            boolean claimed = h.createQuery("""
                    INSERT INTO idempotent_requests
                      (api_key_id, idempotency_key, request_hash, status, response_body, created_at, expires_at)
                    VALUES (:key, :idem, :hash, 0, ''::bytea, :now, :expires)
                    ON CONFLICT (api_key_id, idempotency_key) DO UPDATE SET
                      request_hash = excluded.request_hash, status = 0, response_body = ''::bytea,
                      created_at = excluded.created_at, expires_at = excluded.expires_at
                    WHERE idempotent_requests.expires_at <= :now
                    RETURNING true""")
                    .bind("key", apiKeyId)
                    .bind("idem", idempotencyKey)
                    .bind("hash", requestHash)
                    .bind("now", now)
                    .bind("expires", now.plus(ttl))
                    .mapTo(Boolean.class)
                    .findOne()
                    .isPresent();
            if (!claimed) {
                return replay(h, apiKeyId, idempotencyKey, requestHash);
            }
            Response response = request.get();
            if (response.status() >= 200 && response.status() < 300) {
                h.createUpdate("""
                        UPDATE idempotent_requests SET status = :status, response_body = :body
                        WHERE api_key_id = :key AND idempotency_key = :idem""")
                        .bind("status", response.status())
                        .bind("body", response.remembered())
                        .bind("key", apiKeyId)
                        .bind("idem", idempotencyKey)
                        .execute();
            } else {
                // Only successes are remembered; a refused request changed nothing and may be retried.
                h.createUpdate("DELETE FROM idempotent_requests WHERE api_key_id = :key AND idempotency_key = :idem")
                        .bind("key", apiKeyId)
                        .bind("idem", idempotencyKey)
                        .execute();
            }
            return response;
        });
    }

    private static Response replay(org.jdbi.v3.core.Handle h, String apiKeyId, String idempotencyKey, String hash) {
        return h.createQuery("""
                SELECT request_hash, status, response_body FROM idempotent_requests
                WHERE api_key_id = :key AND idempotency_key = :idem""")
                .bind("key", apiKeyId)
                .bind("idem", idempotencyKey)
                .map((rs, ctx) -> {
                    if (!rs.getString("request_hash").equals(hash)) {
                        throw new ApiException(ErrorCode.CONFLICT,
                                "This Idempotency-Key was already used for a different request",
                                java.util.Map.of("reason", "IDEMPOTENCY_KEY_REUSED"));
                    }
                    byte[] body = rs.getBytes("response_body");
                    return new Response(rs.getInt("status"), body, body, true);
                })
                .one();
    }

    /** Forgets answers older than the retention period; any instance may run it at any time. */
    public int purgeExpired() {
        return db.tx(h -> h.createUpdate("DELETE FROM idempotent_requests WHERE expires_at <= :now")
                .bind("now", clock.instant())
                .execute());
    }
}
