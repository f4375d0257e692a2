package org.civicast.platform.http;

/**
 * One public API the server speaks: the path prefix its operations live under, how a caller
 * proves who it is, how its requests and answers are written, and how its OpenAPI document
 * introduces it. The HTTP platform serves any number of surfaces side by side and knows none of
 * them by name.
 *
 * @param conditionalGets GETs answer with {@code ETag} (and {@code Last-Modified} where the handler
 *     knows it), and {@code 304 Not Modified} when the client's copy is current
 * @param concurrentRequests requests one account may have running at once (0: no such limit);
 *     past it, {@code 429}
 */
public record ApiSurface(String prefix, Api api, Authentication authentication, BodyFormat bodies,
                         Rendering rendering, boolean conditionalGets, int concurrentRequests,
                         String title, String description) {

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
