package org.civicast.contacts;

import org.civicast.platform.db.Database;

/**
 * Moves a list's {@code progress} while its import runs: the share of the file read, up to 95
 * (the merge takes the rest), written at most twice a second on a connection of its own, since the
 * import's transaction shows nothing until it commits. Without a Content-Length it creeps up
 * towards 90 as rows arrive, so that pollers see movement.
 */
final class ProgressReport {
    private final Database db;
    private final String listId;
    private final long length;
    private volatile long bytes; // counted by the thread that reads the file
    private long lastWrite;
    private int lastPercent;

    ProgressReport(Database db, String listId, long length) {
        this.db = db;
        this.listId = listId;
        this.length = length;
    }

    void bytes(int n) {
        bytes = bytes + n; // one reader thread: no lost updates
    }

    void report() {
        long now = System.nanoTime();
        if (now - lastWrite < 500_000_000L) return;
        int percent = length > 0 ? (int) Math.min(95, bytes * 95 / length)
                : (int) Math.min(90, 90 - 90 * Math.exp(-bytes / 50_000_000.0));
        if (percent <= lastPercent) return;
        lastWrite = now;
        lastPercent = percent;
        db.relaxedWrite(h -> {
            ContactListStore.progress(h, listId, percent);
            return null;
        });
    }
}
