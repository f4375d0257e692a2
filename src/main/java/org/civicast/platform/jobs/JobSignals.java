package org.civicast.platform.jobs;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.civicast.platform.db.Database;
import org.jdbi.v3.core.Handle;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the instances on one database that a job was queued, so that their idle workers claim it
 * now rather than at their next poll. A signal is only a hint: one that is lost (the listening
 * connection down, the sender's throttle) leaves the job to the poll, which stays.
 *
 * <p>The signal is a PostgreSQL notification sent in the enqueuing transaction, so it is delivered
 * when, and only if, that transaction commits. A transaction that notifies takes a lock shared by
 * the whole database cluster while it commits, so an instance sends at most one signal every
 * {@link #MIN_GAP} for each kind: a burst of enqueues (a busy letter campaign) would otherwise commit one at a time.
 */
final class JobSignals implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Jobs.class);
    static final String CHANNEL = "civicast_jobs";
    static final Duration MIN_GAP = Duration.ofMillis(20);
    /** How long one wait for notifications lasts: the bound on noticing {@link #close}. */
    private static final int WAIT_MILLIS = 500;
    /** How often a quiet listening connection is checked, so that a silently dead one is replaced. */
    private static final long CHECK_NANOS = Duration.ofSeconds(30).toNanos();

    private final Database db;
    private final Consumer<String> onKind;
    private final Runnable onListening;
    private final Duration retry;
    private volatile boolean stopping;
    private volatile Connection listening;
    private Thread listener;
    /** Per kind, System.nanoTime() of this instance's last signal; racy updates only send one more. */
    private final Map<String, Long> lastSent = new ConcurrentHashMap<>();

    /**
     * onKind: called with the kind of each job queued anywhere (this instance's included);
     * onListening: called each time listening (re)starts, as signals sent meanwhile are lost.
     */
    JobSignals(Database db, Consumer<String> onKind, Runnable onListening, Duration retry) {
        this.db = db;
        this.onKind = onKind;
        this.onListening = onListening;
        this.retry = retry;
    }

    /** Sends the signal for a job of this kind within the transaction of h, unless one went out just now. */
    void send(Handle h, String kind) {
        long now = System.nanoTime();
        Long last = lastSent.get(kind);
        if (last != null && now - last < MIN_GAP.toNanos()) return;
        lastSent.put(kind, now);
        h.createQuery("SELECT 1 FROM pg_notify(:channel, :kind)")
                .bind("channel", CHANNEL).bind("kind", kind)
                .mapTo(Integer.class).one();
    }

    void listen() {
        listener = Thread.ofPlatform().daemon().name("jobs-listener").start(this::run);
    }

    private void run() {
        boolean warned = false;
        while (!stopping) {
            try (Connection c = db.openSession("civicast-jobs-listener")) {
                listening = c;
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                if (warned) LOG.info("jobs: listening for queued jobs again");
                warned = false;
                onListening.run();
                PGConnection pg = c.unwrap(PGConnection.class);
                long checked = System.nanoTime();
                while (!stopping) {
                    PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
                    if (notifications != null) {
                        for (PGNotification n : notifications) onKind.accept(n.getParameter());
                    }
                    if (System.nanoTime() - checked > CHECK_NANOS) {
                        if (!c.isValid(5)) throw new SQLException("the listening connection stopped answering");
                        checked = System.nanoTime();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (stopping) return;
                if (!warned) {
                    LOG.warn("jobs: cannot listen for queued jobs; polling alone until it can: {}", e.toString());
                    warned = true;
                }
                pause();
            } finally {
                listening = null;
            }
        }
    }

    private synchronized void pause() {
        try {
            if (!stopping) wait(retry.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            stopping = true;
            notifyAll();
        }
        if (listener == null) return;
        try {
            if (!listener.join(Duration.ofMillis(WAIT_MILLIS * 4L))) {
                Connection c = listening;
                if (c != null) c.close();
                listener.join(Duration.ofSeconds(5));
            }
        } catch (SQLException e) {
            LOG.debug("jobs: closing the listening connection: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
