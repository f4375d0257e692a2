package org.civicast.lookup.providers;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.civicast.lookup.LineInfo;
import org.civicast.lookup.LookupFailure;
import org.civicast.platform.outbound.Outbound;
import org.civicast.platform.outbound.OutboundException;
import org.civicast.platform.outbound.OutboundRequest;
import org.civicast.platform.outbound.OutboundResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request per number to a lookup API that answers one number at a time: a few in flight at
 * once, each retried when the provider is busy (429) or failing (5xx, no connection), waiting as
 * its {@code Retry-After} asks or, without one, a doubling pause. Refused credentials end the
 * whole batch at once: every other request would be refused too, and each may be billed.
 */
final class ProviderCalls {
    static final int MAX_ATTEMPTS = 4;
    /** A provider asking for a longer pause than this is given up on for now: the caller retries later. */
    static final Duration LONGEST_WAIT = Duration.ofSeconds(60);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    private static final Logger LOG = LoggerFactory.getLogger(ProviderCalls.class);

    /** Waits between attempts; tests pass one that records the wait. */
    interface Pause {
        void pause(Duration duration) throws InterruptedException;
    }

    /** What one number's final response says: an answer, or empty when the provider could not answer it. */
    interface Reading {
        Optional<LineInfo> read(String number, OutboundResponse response);
    }

    private final String service;
    private final String credentials;
    private final Outbound outbound;
    private final int concurrency;
    private final Clock clock;
    private final Pause pause;

    /**
     * @param service     the provider as an operator knows it, for messages ("Telnyx Number Lookup")
     * @param credentials the settings to check when the provider refuses them
     */
    ProviderCalls(String service, String credentials, Outbound outbound, int concurrency, Clock clock, Pause pause) {
        if (concurrency < 1) throw new IllegalArgumentException("concurrency " + concurrency);
        this.service = service;
        this.credentials = credentials;
        this.outbound = outbound;
        this.concurrency = concurrency;
        this.clock = clock;
        this.pause = pause;
    }

    Map<String, LineInfo> each(List<String> numbers, Function<String, OutboundRequest> request, Reading reading) {
        Map<String, LineInfo> answers = new ConcurrentHashMap<>();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Semaphore inFlight = new Semaphore(concurrency);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String number : numbers) {
                threads.submit(() -> {
                    try {
                        inFlight.acquire();
                    } catch (InterruptedException e) {
                        failure.compareAndSet(null, new LookupFailure(service + ": interrupted", true, e));
                        return;
                    }
                    try {
                        if (failure.get() == null) {
                            ask(number, request.apply(number), reading, () -> failure.get() != null)
                                    .ifPresent(a -> answers.put(number, a));
                        }
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                    } finally {
                        inFlight.release();
                    }
                });
            }
        }
        if (failure.get() != null) throw failure.get();
        return answers;
    }

    /** One number's request, attempted until answered, refused, or {@code stopped} because another failed. */
    private Optional<LineInfo> ask(String number, OutboundRequest request, Reading reading, BooleanSupplier stopped) {
        String problem = null;
        for (int attempt = 1; ; attempt++) {
            Duration wait = null;
            try {
                OutboundResponse response = outbound.send(request);
                int status = response.status();
                if (status == 401 || status == 403) {
                    throw new LookupFailure(service + " refused the credentials (HTTP " + status + "): check "
                            + credentials, false);
                }
                if (status != 429 && status < 500) return reading.read(number, response);
                problem = "HTTP " + status;
                wait = response.header("retry-after").map(this::retryAfter).orElse(null);
                if (wait != null && wait.compareTo(LONGEST_WAIT) > 0) {
                    throw new LookupFailure(service + " answered " + problem + " and asked to wait "
                            + wait.toSeconds() + " s; try again later", true);
                }
            } catch (OutboundException e) {
                if (!e.temporary()) throw new LookupFailure(service + " cannot be reached: " + e.getMessage(), false, e);
                problem = e.getMessage();
            }
            if (attempt == MAX_ATTEMPTS) {
                throw new LookupFailure(service + " failed " + MAX_ATTEMPTS + " attempts; the last: " + problem, true);
            }
            if (stopped.getAsBoolean()) return Optional.empty();
            if (wait == null) wait = backoff(attempt);
            LOG.info("{}: {}; trying again in {} ms", service, problem, wait.toMillis());
            try {
                pause.pause(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LookupFailure(service + ": interrupted while waiting to retry", true, e);
            }
        }
    }

    /** Retry-After in seconds or as an HTTP date; null when it is neither. */
    private Duration retryAfter(String value) {
        String v = value.strip();
        if (v.matches("\\d{1,9}")) return Duration.ofSeconds(Long.parseLong(v));
        try {
            Duration until = Duration.between(clock.instant(), ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
            return until.isNegative() ? Duration.ZERO : until;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Doubling from half a second, less up to half at random so that parallel requests do not return together. */
    private static Duration backoff(int failedAttempt) {
        long full = FIRST_BACKOFF.toMillis() << (failedAttempt - 1);
        return Duration.ofMillis((long) (full * (0.5 + 0.5 * ThreadLocalRandom.current().nextDouble())));
    }
}
