package org.civicast.sending.gateway;

/**
 * Hears what comes back from the network. Called on the gateway's threads; must not block long.
 * Returning acknowledges: the receipt is recorded, or can never be (no such message). Throwing
 * asks for it again later — as networks redeliver a receipt until it is acknowledged — when it
 * could not be recorded now (the database is out of reach, or the message's hand-off is not
 * recorded yet).
 */
public interface GatewayListener {
    void receipt(Receipt receipt);

    void inbound(InboundSms message);

    GatewayListener NONE = new GatewayListener() {
        @Override
        public void receipt(Receipt receipt) {}

        @Override
        public void inbound(InboundSms message) {}
    };
}
