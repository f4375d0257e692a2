package org.civicast.sending.gateway;

/** Hears what comes back from the network. Called on the gateway's threads; must not block long. */
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
