package org.civicast.platform.http;

import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;
import org.civicast.platform.auth.Principal;

/**
 * How callers of one API surface prove who they are: which header carries the credential, how it
 * is checked, what a missing or wrong one is answered, and how the OpenAPI document declares it.
 */
public interface Authentication {
    /**
     * The credential the request presents, or empty when it presents none. A request that presents
     * two (two headers, or two kinds at once) is refused with a VALIDATION_ERROR: which one would
     * count is a guess the server does not make.
     */
    Optional<String> presented(Context ctx);

    /** The caller the credential names; empty for an unknown, malformed or revoked one. */
    Optional<Principal> identify(String credential);

    /**
     * Throws an {@link ApiException} when a known caller may not act now (its organization is
     * suspended). Called only after the request was counted against the caller's limits, so a
     * refused caller is still throttled and still gets the limit headers.
     */
    void checkStanding(Principal principal);

    /** The answer to a request that presents no credential. */
    ApiException missing();

    /** The answer to a request whose credential names no one. */
    ApiException unknown();

    /** Headers that go with a 401, such as a {@code WWW-Authenticate} challenge. */
    default Map<String, String> challenge() {
        return Map.of();
    }

    /** The OpenAPI security scheme's name and its declaration. */
    String schemeName();

    Map<String, Object> scheme();
}
