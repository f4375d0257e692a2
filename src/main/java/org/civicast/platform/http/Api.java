package org.civicast.platform.http;

import java.util.ArrayList;
import java.util.List;
import org.civicast.platform.auth.Scope;

/** The list of every API route, in the order features add them. */
public final class Api {
    private final List<Route> routes = new ArrayList<>();

    public Route get(String path, Scope scope) {
        return add("GET", path, scope);
    }

    public Route post(String path, Scope scope) {
        return add("POST", path, scope);
    }

    public Route patch(String path, Scope scope) {
        return add("PATCH", path, scope);
    }

    public Route delete(String path, Scope scope) {
        return add("DELETE", path, scope);
    }

    private Route add(String method, String path, Scope scope) {
        Route route = new Route(method, path, scope);
        routes.add(route);
        return route;
    }

    public List<Route> routes() {
        return List.copyOf(routes);
    }

    public List<RouteDescription> descriptions() {
        return routes.stream().map(r -> {
            java.util.Map<String, java.util.Map<String, Object>> query = new java.util.LinkedHashMap<>();
            r.query.forEach((name, field) -> query.put(name, field.openApi()));
            return new RouteDescription(r.method, r.path, r.scope, r.operationId, r.summary, r.tag, r.extension,
                    r.successStatus, query, r.body == null ? null : r.body.openApi(), r.returns, r.returnsList,
                    r.kindProperty, r.kinds, r.fileType);
        }).toList();
    }
}
