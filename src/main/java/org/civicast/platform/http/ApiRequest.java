package org.civicast.platform.http;

import io.javalin.http.Context;
import java.util.Map;
import org.civicast.platform.auth.Principal;

/** One validated API request: who calls, the path parameters, the query and the body. */
public final class ApiRequest {
    private final Context ctx;
    private final Principal principal;
    private final Map<String, String> query;
    private final Body body;

    ApiRequest(Context ctx, Principal principal, Map<String, String> query, Body body) {
        this.ctx = ctx;
        this.principal = principal;
        this.query = query;
        this.body = body;
    }

    public Principal principal() {
        return principal;
    }

    public String path(String name) {
        return ctx.pathParam(name);
    }

    /** A declared query parameter's value, or null when absent. */
    public String query(String name) {
        return query.get(name);
    }

    /** Every query parameter the request sent (all declared and checked), by name. */
    public Map<String, String> queryParameters() {
        return Map.copyOf(query);
    }

    /** The request's path, as the client sent it (without the query). */
    public String requestPath() {
        return ctx.path();
    }

    /**
     * The https:// origin the client reached the server at, from its Host header, for absolute
     * URLs when no public base URL is configured; null when the header is missing or odd.
     */
    public String origin() {
        String host = ctx.host();
        return host != null && host.matches("[A-Za-z0-9.\\-]+(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]+](:[0-9]{1,5})?")
                ? "https://" + host : null;
    }

    public Integer queryInt(String name) {
        String value = query.get(name);
        return value == null ? null : Integer.valueOf(value);
    }

    public Body body() {
        return body;
    }
}
