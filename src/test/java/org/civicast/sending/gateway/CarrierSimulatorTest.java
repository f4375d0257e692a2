package org.civicast.sending.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.civicast.sending.gateway.simulator.CarrierSimulator;
import org.civicast.sending.gateway.simulator.SimulatorSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CarrierSimulatorTest {
    @TempDir
    Path dir;

    private SimulatorSettings settings(int perSecond, int undeliverable) {
        return new SimulatorSettings(dir, Duration.ZERO, perSecond, Duration.ofMillis(50), undeliverable,
                List.of("30003", "30005"));
    }

    private static List<OutgoingSms> messages(int count, String prefix) {
        List<OutgoingSms> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            messages.add(new OutgoingSms(prefix + i, "+12025550100", "+1202555" + String.format("%04d", i), "Hi", List.of()));
        }
        return messages;
    }

    @Test
    void takesEachMessageOnceEvenWhenSubmittedAgainAfterARestartAndRecordsIt() throws Exception {
        List<Receipt> heard = new CopyOnWriteArrayList<>();
        try (CarrierSimulator first = new CarrierSimulator(settings(0, 0), Clock.systemUTC())) {
            first.listen(new GatewayListener() {
                public void receipt(Receipt r) { heard.add(r); }
                public void inbound(InboundSms m) {}
            });
            List<Submission> answers = first.submit(messages(100, "msg_a"));
            assertEquals(100, answers.size());
            answers.forEach(a -> assertInstanceOf(Submission.Accepted.class, a));
            long deadline = System.currentTimeMillis() + 5000;
            while (heard.size() < 100 && System.currentTimeMillis() < deadline) Thread.sleep(20);
            assertEquals(100, heard.size());
            assertTrue(heard.stream().allMatch(r -> r.outcome() == Receipt.Outcome.DELIVERED));
        }
        try (CarrierSimulator second = new CarrierSimulator(settings(0, 0), Clock.systemUTC())) {
            List<Submission> again = second.submit(messages(150, "msg_a"));
            Submission.Accepted before = (Submission.Accepted) again.get(7);
            assertEquals("msg_a7", before.messageId());
        }
        List<String> lines = Files.readAllLines(dir.resolve("accepted.tsv"));
        assertEquals(150, lines.size(), "each message once in the network's own record, across the restart");
        assertEquals(150, lines.stream().map(l -> l.split("\t")[0]).distinct().count());
    }

    @Test
    void undeliverableReceiptsCarryAnErrorCodeAndBadNumbersAreRefused() throws Exception {
        List<Receipt> heard = new CopyOnWriteArrayList<>();
        try (CarrierSimulator simulator = new CarrierSimulator(settings(0, 30), Clock.systemUTC())) {
            simulator.listen(new GatewayListener() {
                public void receipt(Receipt r) { heard.add(r); }
                public void inbound(InboundSms m) {}
            });
            simulator.submit(messages(1000, "msg_b"));
            List<Submission> refused = simulator.submit(List.of(new OutgoingSms("msg_x", "+12025550100", "12345", "Hi", List.of())));
            assertEquals("21211", ((Submission.Refused) refused.getFirst()).errorCode());
            long deadline = System.currentTimeMillis() + 5000;
            while (heard.size() < 1000 && System.currentTimeMillis() < deadline) Thread.sleep(20);
        }
        long undeliverable = heard.stream().filter(r -> r.outcome() == Receipt.Outcome.UNDELIVERABLE).count();
        assertTrue(undeliverable > 220 && undeliverable < 380, "about 30%: " + undeliverable);
        assertTrue(heard.stream().filter(r -> r.outcome() == Receipt.Outcome.UNDELIVERABLE)
                .allMatch(r -> List.of("30003", "30005").contains(r.errorCode())));
    }

    @Test
    void keepsTheConfiguredPace() throws Exception {
        try (CarrierSimulator simulator = new CarrierSimulator(settings(2000, 0), Clock.systemUTC())) {
            long started = System.nanoTime();
            for (int i = 0; i < 10; i++) simulator.submit(messages(100, "msg_p" + i + "_"));
            long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(elapsedMillis >= 400, "1,000 messages at 2,000 a second take about half a second: " + elapsedMillis);
        }
    }

    @Test
    void aReceiptIsToldAgainUntilAcknowledgedAndStillOwedAfterARestart() throws Exception {
        List<Receipt> acknowledged = new CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicInteger refusals = new java.util.concurrent.atomic.AtomicInteger();
        try (CarrierSimulator first = new CarrierSimulator(settings(0, 0), Clock.systemUTC())) {
            first.listen(new GatewayListener() {
                public void receipt(Receipt r) {
                    // The server cannot record the first two tellings of msg_c0 (not yet, or its database is away).
                    if (r.messageId().equals("msg_c0") && refusals.getAndIncrement() < 2) throw new IllegalStateException("not yet");
                    acknowledged.add(r);
                }
                public void inbound(InboundSms m) {}
            });
            first.submit(messages(3, "msg_c"));
            long deadline = System.currentTimeMillis() + 10_000;
            while (acknowledged.size() < 3 && System.currentTimeMillis() < deadline) Thread.sleep(20);
            assertEquals(3, acknowledged.size(), "told again after a refusal");
            assertEquals(3, refusals.get());
            Thread.sleep(100); // the acknowledgements reach the record
            // Taken, and stopped before its receipt was due: it is owed after the restart.
            first.submit(List.of(new OutgoingSms("msg_d0", "+12025550100", "+12025550199", "Hi", List.of())));
        }
        List<Receipt> afterRestart = new CopyOnWriteArrayList<>();
        try (CarrierSimulator second = new CarrierSimulator(settings(0, 0), Clock.systemUTC())) {
            second.listen(new GatewayListener() {
                public void receipt(Receipt r) { afterRestart.add(r); }
                public void inbound(InboundSms m) {}
            });
            second.submit(List.of()); // the network comes back with the server's first hand-off
            long deadline = System.currentTimeMillis() + 5000;
            while (afterRestart.isEmpty() && System.currentTimeMillis() < deadline) Thread.sleep(20);
            Thread.sleep(200);
        }
        assertEquals(List.of("msg_d0"), afterRestart.stream().map(Receipt::messageId).toList(),
                "only the receipt never acknowledged is told after the restart");
    }
}
