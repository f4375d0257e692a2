package org.civicast.sending.gateway.simulator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How the built-in carrier simulator behaves.
 *
 * @param recordDir           where it keeps its own record of every message it took (one line each)
 * @param latency             how long each hand-off takes
 * @param messagesPerSecond   how many it takes a second at most (0: no limit)
 * @param receiptDelay        how long after taking a message its receipt comes back
 * @param undeliverablePercent share of messages whose receipt says undeliverable
 * @param errorCodes          the codes such receipts carry, chosen per message
 */
public record SimulatorSettings(Path recordDir, Duration latency, int messagesPerSecond, Duration receiptDelay,
                                int undeliverablePercent, List<String> errorCodes) {
    public SimulatorSettings {
        errorCodes = List.copyOf(errorCodes);
        if (undeliverablePercent < 0 || undeliverablePercent > 100) throw new IllegalArgumentException("percent");
        if (undeliverablePercent > 0 && errorCodes.isEmpty()) throw new IllegalArgumentException("error codes");
    }
}
