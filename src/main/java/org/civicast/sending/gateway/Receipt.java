package org.civicast.sending.gateway;

import java.time.Instant;

/**
 * A delivery receipt: the final word on a message the gateway took, by the provider's id (and
 * Civicast's, where the provider carries it back), with the provider's error code when it failed.
 */
public record Receipt(String providerId, String messageId, Outcome outcome, String errorCode, Instant at) {
    public enum Outcome { DELIVERED, UNDELIVERABLE }
}
