package org.civicast.keys;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;

/**
 * An advocacy API Auth Token as listed: its account (the organization whose id is the Basic
 * username) and the first characters of the secret, never the secret itself.
 */
public record AuthToken(
        String id,
        String name,
        @JsonProperty("account_id") String accountId,
        String prefix,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("revoked_at") Instant revokedAt,
        @JsonProperty("last_used_at") Instant lastUsedAt,
        @JsonProperty("request_count") long requestCount,
        @JsonIgnore String organizationPath) {

    AuthToken withUsage(Instant lastUsed, long count) {
        return new AuthToken(id, name, accountId, prefix, createdAt, revokedAt, lastUsed, count, organizationPath);
    }

    /** The answer to a create: the token's record and, this once, the token itself. */
    public record Created(@JsonUnwrapped AuthToken token, @JsonProperty("auth_token") String secret) {}
}
