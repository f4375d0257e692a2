package org.civicast.lookup;

import java.util.List;
import java.util.Map;

/**
 * A source of line types: the offline tables, or a carrier-data API. One implementation per
 * source, in {@code lookup.providers}; the configured one is asked for every number the cache
 * cannot answer.
 */
public interface LrnProvider {
    /** The name stored with each answer and in usage records: {@code offline}, {@code telnyx}, {@code twilio}. */
    String name();

    /**
     * What the provider says of each number (E.164), keyed by that number. A number the provider
     * could not answer (outside its coverage) is left out: it is neither cached nor billed, and
     * the next lookup asks again.
     *
     * @throws LookupFailure when the provider cannot be used: unreachable, rate-limited past the
     *                       attempts allowed, or refusing the credentials
     */
    Map<String, LineInfo> lookup(List<String> e164Numbers);
}
