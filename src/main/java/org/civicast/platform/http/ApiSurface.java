package org.civicast.platform.http;

/**
 * One public API the server speaks: the path prefix its operations live under, how a caller
 * proves who it is, how its answers and errors look, and how its OpenAPI document introduces it.
 * The HTTP platform serves any number of surfaces side by side and knows none of them by name.
 */
public record ApiSurface(String prefix, Api api, Authentication authentication, BodyFormat bodies,
                         Rendering rendering, String title, String description) {

    public ApiSurface {
        if (!prefix.matches("/[a-z0-9]+")) throw new IllegalArgumentException("surface prefix " + prefix);
        for (Route route : api.routes()) {
            if (!serves(prefix, route.path())) {
                throw new IllegalArgumentException(route.method() + " " + route.path() + " is outside " + prefix);
            }
        }
    }

    /** True when a request path belongs to this surface. */
    public boolean serves(String path) {
        return serves(prefix, path);
    }

    /** Where the surface's OpenAPI document is served, without authentication. */
    public String documentPath() {
        return prefix + "/openapi.json";
    }

    private static boolean serves(String prefix, String path) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
