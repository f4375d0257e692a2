package org.civicast.platform.auth;

import java.util.Set;

/**
 * The caller of one request: an API key, the organization it was issued at and that
 * organization's path in the tree (every ancestor id, root first), which bounds what it reaches.
 */
public record Principal(String keyId, String organizationId, String organizationPath, Set<Scope> scopes,
                        Integer rateLimitPerHour) {

    public boolean has(Scope scope) {
        return scopes.contains(scope);
    }

    /** True when an organization with this tree path is the key's own or one of its descendants. */
    public boolean reaches(String path) {
        return path != null && path.startsWith(organizationPath);
    }
}
