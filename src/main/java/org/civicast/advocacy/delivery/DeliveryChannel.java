package org.civicast.advocacy.delivery;

/**
 * One way of getting a letter to an office. {@link #deliver} reports every outcome as a
 * {@link DeliveryResult}, never by throwing, and may be called again for the same letter after a
 * crash, so channels key what they send on {@link Letter#deliveryId()}.
 */
public interface DeliveryChannel {
    /** A short stable name for records and logs ({@code cwc-house}, {@code email}). */
    String name();

    /** Whether this channel, as configured, can deliver to the office at all. */
    boolean reaches(Office office);

    /** What a letter to the office must carry for this channel to deliver it. */
    Requirements requirements(Office office);

    DeliveryResult deliver(Letter letter);
}
