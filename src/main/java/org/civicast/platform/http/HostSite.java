package org.civicast.platform.http;

import io.javalin.http.Handler;

/**
 * A site answered on hosts of its own rather than on the API's: each request whose Host the site
 * claims goes to the handler it returns, whatever the path, and no API route, public route or
 * error format of the API sees it (see {@link HttpServer#hostSite}).
 */
@FunctionalInterface
public interface HostSite {
    /**
     * The handler that writes the whole answer to every request for this host, or null when the
     * host is not this site's. Asked on every request, so it must answer from memory.
     *
     * @param host the request's host name: lowercase, without port or final dot
     */
    Handler handlerFor(String host);
}
