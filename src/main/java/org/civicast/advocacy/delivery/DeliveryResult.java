package org.civicast.advocacy.delivery;

/** How an attempt to deliver a letter ended. */
public sealed interface DeliveryResult {
    /** The status a letter no channel could reach is recorded with. */
    String NO_ROUTE = "undeliverable_no_route";

    /** The receiver took the letter; {@code receipt} is what identifies it there. */
    record Delivered(String channel, String receipt) implements DeliveryResult {}

    /** The receiver refused the letter; sending it again unchanged would be refused again. */
    record Rejected(String channel, String reason) implements DeliveryResult {}

    /** The receiver could not be reached or failed; a later attempt may succeed. */
    record FailedTemporarily(String channel, String reason) implements DeliveryResult {}

    /** No configured channel reaches the office: the letter is kept, not sent. */
    record NoRoute(String reason) implements DeliveryResult {}
}
