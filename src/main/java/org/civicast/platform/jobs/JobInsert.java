package org.civicast.platform.jobs;

import java.time.Instant;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * A job due now that the caller's own statement writes, as one of its WITH queries ({@link #SQL},
 * with the parameters {@link #bind} gives), so that a change and the job it needs cost one round
 * trip. As with {@link Jobs#enqueue}, the job exists exactly when the caller's transaction
 * commits; {@link #written} must follow in that transaction, to wake the workers when it does.
 * Made by {@link Jobs#toInsert}.
 */
public final class JobInsert {
    /** The INSERT of the job's row; its parameters are all named {@code job…}. */
    public static final String SQL = JobStore.INSERT;

    private final String id;
    private final String kind;
    private final String payload;
    private final int maxAttempts;
    private final Instant now;
    private final Consumer<Handle> wakeOnCommit;

    JobInsert(String id, String kind, String payload, int maxAttempts, Instant now, Consumer<Handle> wakeOnCommit) {
        this.id = id;
        this.kind = kind;
        this.payload = payload;
        this.maxAttempts = maxAttempts;
        this.now = now;
        this.wakeOnCommit = wakeOnCommit;
    }

    public String id() {
        return id;
    }

    public <S extends SqlStatement<S>> S bind(S statement) {
        return JobStore.bindInsert(statement, id, kind, payload, maxAttempts, now, now);
    }

    /** The statement carrying {@link #SQL} ran in the transaction of {@code h}. */
    public void written(Handle h) {
        wakeOnCommit.accept(h);
    }
}
