package org.civicast.congress.geocoding;

/**
 * The geocoding service gave no usable answer: it could not be reached, took too long, failed
 * (HTTP 5xx), refused the request, or answered something other than what it documents. This is
 * not "the address could not be placed" (an empty result): the caller should carry on as if it
 * had no geocoder, for instance by naming the candidate districts of the ZIP code.
 *
 * <p>The message never holds the address that was asked about.
 */
public final class GeocoderUnavailable extends RuntimeException {
    private final boolean temporary;

    public GeocoderUnavailable(String message, boolean temporary) {
        this(message, temporary, null);
    }

    public GeocoderUnavailable(String message, boolean temporary, Throwable cause) {
        super(message, cause);
        this.temporary = temporary;
    }

    /**
     * Whether asking again later may succeed without anyone changing anything (a timeout, a lost
     * connection, HTTP 5xx or 429); false when the request or the answer is wrong in a way that
     * will repeat (HTTP 4xx, an answer that is not the documented JSON, a refused URL).
     */
    public boolean temporary() {
        return temporary;
    }
}
