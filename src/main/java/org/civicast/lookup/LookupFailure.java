package org.civicast.lookup;

/**
 * A provider could not be used. The message says why in an operator's terms (which setting is
 * wrong, what the provider answered) and never holds a credential.
 */
public final class LookupFailure extends RuntimeException {
    private final boolean temporary;

    public LookupFailure(String message, boolean temporary) {
        super(message);
        this.temporary = temporary;
    }

    public LookupFailure(String message, boolean temporary, Throwable cause) {
        super(message, cause);
        this.temporary = temporary;
    }

    /** Whether asking again later may succeed without anyone changing anything (rate limits, outages). */
    public boolean temporary() {
        return temporary;
    }
}
