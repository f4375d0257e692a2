package org.civicast.platform.db;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Lets other features veto deleting a record of this one while their things still hang from it
 * (an organization's API keys, a campaign's phone numbers), without this feature reading their
 * tables. A guard runs inside the deleting transaction and names what remains, if anything.
 */
public final class DeletionGuards {
    private final List<Function<String, Optional<String>>> guards = new CopyOnWriteArrayList<>();

    /** Adds a guard: given the id being deleted, what of the caller's still hangs from it. */
    public void add(Function<String, Optional<String>> guard) {
        guards.add(guard);
    }

    /** What still hangs from the record, as each guard names it; empty when it may go. */
    public List<String> remaining(String id) {
        List<String> remaining = new ArrayList<>();
        for (Function<String, Optional<String>> guard : guards) guard.apply(id).ifPresent(remaining::add);
        return remaining;
    }
}
