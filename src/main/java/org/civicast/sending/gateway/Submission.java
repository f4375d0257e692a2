package org.civicast.sending.gateway;

/** What the gateway said of one submitted message. */
public sealed interface Submission {
    String messageId();

    /** Taken: the carrier network has it, under the provider's id. */
    record Accepted(String messageId, String providerId) implements Submission {}

    /** Refused for good (a bad number, a blocked sender): the provider's code and reason. */
    record Refused(String messageId, String errorCode, String reason) implements Submission {}
}
