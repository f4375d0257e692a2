package org.civicast.advocacy.delivery;

import java.util.Objects;

/**
 * One constituent's message to one office: the unit a channel delivers.
 *
 * @param deliveryId   the delivery's id; channels derive their idempotency keys from it, so a
 *                     repeated attempt is recognisable as the same letter
 * @param campaignId   the campaign the letter belongs to
 * @param organization who runs the campaign; may be null
 */
public record Letter(
        String deliveryId,
        String campaignId,
        Office office,
        Constituent constituent,
        Message message,
        SendingOrganization organization) {

    public Letter {
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(office, "office");
        Objects.requireNonNull(constituent, "constituent");
        Objects.requireNonNull(message, "message");
    }
}
