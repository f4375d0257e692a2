package org.civicast.advocacy.delivery;

import java.util.Objects;

/** A measure a message is about: the Congress it belongs to, its type and number (118, HR, 1234). */
public record Bill(int congress, BillType type, int number) {
    public Bill {
        Objects.requireNonNull(type, "type");
    }
}
