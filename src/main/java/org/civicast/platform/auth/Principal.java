package org.civicast.platform.auth;

import java.util.Set;

/**
 * The caller of one request: a credential (an API key, an account's auth token), the
 * organization it was issued at, and the subtree of the organization tree it therefore reaches.
 */
public record Principal(String keyId, String organizationId, Subtree subtree, Set<Scope> scopes,
                        Integer rateLimitPerHour, Standing standing) {

    /** A principal whose standing was not read with it: it is looked up when it is checked. */
    public Principal(String keyId, String organizationId, Subtree subtree, Set<Scope> scopes, Integer rateLimitPerHour) {
        this(keyId, organizationId, subtree, scopes, rateLimitPerHour, null);
    }

    /**
     * The principal's standing as read in the same query as its credential (saving a query per
     * request): the suspended organization on its path, or null when there is none.
     */
    public record Standing(String suspendedOrganization) {}

    public boolean has(Scope scope) {
        return scopes.contains(scope);
    }

    /** True when an organization with this tree path is the key's own or one of its descendants. */
    public boolean reaches(String organizationPath) {
        return subtree.contains(organizationPath);
    }
}
