package org.civicast.platform.config;

import java.time.Duration;
import java.util.List;

/**
 * Which gateway carries messages to the network, and how the built-in carrier simulator behaves.
 *
 * @param gateway                      {@code simulator}: the network inside the server (the only one yet)
 * @param simulatorLatency             how long each hand-off to the simulator takes
 * @param simulatorMessagesPerSecond   the simulator's pace (0: as fast as it is given messages)
 * @param simulatorReceiptDelay        how long after a hand-off its receipt comes back
 * @param simulatorUndeliverablePercent share of messages whose receipt says undeliverable
 * @param simulatorErrorCodes          the codes such receipts carry
 */
public record GatewaySettings(String gateway, Duration simulatorLatency, int simulatorMessagesPerSecond,
                              Duration simulatorReceiptDelay, int simulatorUndeliverablePercent,
                              List<String> simulatorErrorCodes) {
    public GatewaySettings {
        simulatorErrorCodes = List.copyOf(simulatorErrorCodes);
    }
}
