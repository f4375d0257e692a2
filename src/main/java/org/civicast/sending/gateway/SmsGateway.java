package org.civicast.sending.gateway;

import java.util.List;

/**
 * The way out to the carrier network: hands messages over, and hears of their fate (delivery
 * receipts) and of messages people send back. One implementation per kind of connection — the
 * built-in carrier simulator, SMPP, an HTTP provider — behind this one small interface, so the
 * sending engine never knows which it talks to.
 *
 * <p>A submission names each message by Civicast's own id. Submitting a message the gateway has
 * already taken answers the first acceptance again and sends nothing: after a crash between the
 * hand-off and its record, the engine submits the message again, and only the gateway can tell.
 */
public interface SmsGateway extends AutoCloseable {
    /** A short name for logs and message records: {@code simulator}, {@code smpp}, … */
    String name();

    /**
     * Hands messages over; answers, in the same order, each one's acceptance or refusal. Throws
     * when the gateway cannot be reached at all, in which case nothing is known to have been taken.
     */
    List<Submission> submit(List<OutgoingSms> messages) throws GatewayException;

    /**
     * Whether every receipt names its message by Civicast's id as well as the provider's (as the
     * simulator's do, and an HTTP provider's can through a per-message callback address): then the
     * engine finds a receipt's message by that id and keeps no index of the provider's ids. An SMPP
     * receipt names only the provider's id.
     */
    default boolean receiptsNameMessages() {
        return false;
    }

    /** Where receipts and inbound messages go from now on. */
    void listen(GatewayListener listener);

    @Override
    void close();
}
