package org.civicast.platform.auth;

import java.util.Optional;

/** Turns a presented API key into its principal; empty for a missing, unknown or revoked key. */
public interface Authenticator {
    Optional<Principal> authenticate(String presentedKey);
}
