package org.civicast.advocacy.delivery;

import java.util.Optional;

/**
 * Where deliveries are kept: the port the advocacy feature implements for {@link DeliveryJob}.
 * Each delivery is one letter to one office.
 */
public interface Deliveries {
    /**
     * The letter of a delivery still to be made. Empty when the delivery is gone or already
     * finished (delivered, refused, recorded as having no route), which makes a repeated job a no-op.
     */
    Optional<Letter> pending(String deliveryId);

    void markDelivered(String deliveryId, String channel, String receipt);

    /**
     * Records a failed attempt. {@code permanent}: the delivery is finished, refused or given up
     * on; otherwise it will be tried again and the reason says why it is waiting.
     */
    void markFailed(String deliveryId, String channel, String reason, boolean permanent);

    /** Records that no channel reaches the office: status {@value DeliveryResult#NO_ROUTE}, finished. */
    void markUndeliverable(String deliveryId, String reason);
}
