package org.civicast.sending;

import java.util.Optional;

/**
 * Where the engine learns what to send and tells how it goes: the projects feature, plugged in
 * by the composition root. Transitions answer whether the project moved, so that of several
 * instances exactly one acts on it.
 */
public interface BroadcastSource {
    /** The project as it is to be sent, if it still is to be sent (scheduled or sending). */
    Optional<Broadcast> broadcast(String projectId);

    /** scheduled → sending; false when the project is no longer scheduled (unscheduled, paused). */
    boolean startSending(String projectId);

    /** sending → completed. */
    boolean complete(String projectId);

    /** Whether the project is sending now (not paused, unscheduled or completed). */
    boolean sending(String projectId);

    /** Scheduled or sending → paused, by the engine, for one of the contract's {@code pause_reason} codes. */
    boolean pause(String projectId, String reason);

    /** Paused for {@code reason} → sending again; false when it is not paused, or paused for another reason. */
    boolean resume(String projectId, String reason);
}
