package org.civicast.links;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.civicast.platform.db.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tracking domains by host name, held in memory so that every request can ask whether its
 * host is one without touching the database. The list is read when the server starts and again,
 * in the background, once {@link #FRESH_FOR} has passed and a request asks: a domain that stops
 * being active stops serving links within about that time on every instance (its host then shows
 * that links are not valid), a new or re-activated one starts, and a deleted domain's host goes
 * back to the API. No request waits for the database here; when it cannot be read, the last list
 * is kept and the read tried again after {@link #RETRY_AFTER}.
 */
final class TrackingHosts {
    static final Duration FRESH_FOR = Duration.ofSeconds(30);
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(TrackingHosts.class);

    /** A registered tracking domain: its id, its name, and whether it is active (serves its links). */
    record Host(String domainId, String name, boolean active) {}

    private final Database db;
    private final Clock clock;
    private final AtomicBoolean reading = new AtomicBoolean();
    private volatile Map<String, Host> byName = Map.of();
    private volatile Instant readAgainAt = Instant.MIN;

    /** Reads the list once before returning, so the first requests find it. */
    TrackingHosts(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        read();
    }

    /** The registered domain of this name (lowercase, without port), if there is one. */
    Optional<Host> find(String name) {
        if (!clock.instant().isBefore(readAgainAt) && reading.compareAndSet(false, true)) {
            Thread.ofVirtual().name("tracking-hosts").start(() -> {
                try {
                    read();
                } finally {
                    reading.set(false);
                }
            });
        }
        return Optional.ofNullable(byName.get(name));
    }

    private void read() {
        Instant now = clock.instant();
        try {
            byName = Map.copyOf(db.read(TrackingDomainStore::hosts));
            readAgainAt = now.plus(FRESH_FOR);
        } catch (RuntimeException e) {
            LOG.warn("links: cannot read the tracking domains; keeping the last list: {}", e.toString());
            readAgainAt = now.plus(RETRY_AFTER);
        }
    }
}
