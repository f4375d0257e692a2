package org.civicast.platform.auth;

import java.util.Optional;

/** Turns a presented credential into its principal, and says whether that principal may act now. */
public interface Authenticator {
    /** The principal of a credential; empty for a missing, unknown or revoked one. */
    Optional<Principal> authenticate(String presented);

    /**
     * Throws when a known principal may not act now (its organization is suspended); the HTTP
     * layer calls this after counting the request, so refusals are throttled too.
     */
    void checkStanding(Principal principal);
}
