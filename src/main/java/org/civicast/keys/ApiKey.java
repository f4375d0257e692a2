package org.civicast.keys;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/** An API key as listed: never the secret, only the first characters that let people tell keys apart. */
public record ApiKey(
        String id,
        String name,
        @JsonProperty("organization_id") String organizationId,
        String prefix,
        List<String> scopes,
        @JsonProperty("rate_limit_per_hour") Integer rateLimitPerHour,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("revoked_at") Instant revokedAt,
        @JsonProperty("last_used_at") Instant lastUsedAt,
        @JsonProperty("request_count") long requestCount,
        @JsonIgnore String organizationPath) {

    ApiKey withUsage(Instant lastUsed, long count) {
        return new ApiKey(id, name, organizationId, prefix, scopes, rateLimitPerHour, createdAt, revokedAt,
                lastUsed, count, organizationPath);
    }

    /** The answer to a create: the key's record and, this once, its secret. */
    public record Created(@com.fasterxml.jackson.annotation.JsonUnwrapped ApiKey apiKey, String key) {}
}
