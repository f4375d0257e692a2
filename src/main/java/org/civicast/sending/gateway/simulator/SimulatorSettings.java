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
 * @param receiptsNameMessages whether its receipts carry Civicast's message id besides its own (else
 *                            it answers as an SMPP peer does, with its own id only)
 */
public record SimulatorSettings(Path recordDir, Duration latency, int messagesPerSecond, Duration receiptDelay,
                                int undeliverablePercent, List<String> errorCodes, boolean receiptsNameMessages) {
    public SimulatorSettings {
        errorCodes = List.copyOf(errorCodes);
        if (undeliverablePercent < 0 || undeliverablePercent > 100) throw new IllegalArgumentException("percent");
        if (undeliverablePercent > 0 && errorCodes.isEmpty()) throw new IllegalArgumentException("error codes");
    }

    /** Receipts that name the message by Civicast's id too. */
    public SimulatorSettings(Path recordDir, Duration latency, int messagesPerSecond, Duration receiptDelay,
                             int undeliverablePercent, List<String> errorCodes) {
        this(recordDir, latency, messagesPerSecond, receiptDelay, undeliverablePercent, errorCodes, true);
    }
}
