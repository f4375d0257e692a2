package org.civicast.platform.auth;

import java.util.Set;

/**
 * The caller of one request: a credential (an API key, an account's auth token), the
 * organization it was issued at, and the subtree of the organization tree it therefore reaches.
 */
public record Principal(String keyId, String organizationId, Subtree subtree, Set<Scope> scopes,
                        Integer rateLimitPerHour) {

    public boolean has(Scope scope) {
        return scopes.contains(scope);
    }

    /** True when an organization with this tree path is the key's own or one of its descendants. */
    public boolean reaches(String organizationPath) {
        return subtree.contains(organizationPath);
    }
}
