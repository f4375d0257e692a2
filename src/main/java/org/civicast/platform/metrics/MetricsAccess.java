package org.civicast.platform.metrics;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Who may read the metrics: anyone who reaches them (the default, for a port only the monitoring
 * network reaches), or only a scraper that sends {@code Authorization: Bearer <token>}.
 */
public final class MetricsAccess {
    private final byte[] token;

    /** {@code token} null: open to whoever reaches the endpoint. */
    public MetricsAccess(byte[] token) {
        this.token = token == null ? null : token.clone();
    }

    public boolean allows(String authorizationHeader) {
        if (token == null) return true;
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) return false;
        byte[] presented = authorizationHeader.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(presented, token);
    }
}
