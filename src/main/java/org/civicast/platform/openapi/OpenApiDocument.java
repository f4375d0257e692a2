package org.civicast.platform.openapi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.civicast.platform.http.ApiSurface;
import org.civicast.platform.http.Authentication;
import org.civicast.platform.http.Rendering;
import org.civicast.platform.http.RouteDescription;

/**
 * The OpenAPI 3.1 document of one API surface, made from the same declarations that serve it: its
 * routes, its security scheme and its body shapes.
 */
public final class OpenApiDocument {
    private static final Pattern PATH_PARAM = Pattern.compile("\\{([A-Za-z_]+)}");

    /** The document of a surface whose operations clients reach under {@code serverUrl}. */
    public static Map<String, Object> of(ApiSurface surface, String serverUrl, String version) {
        Authentication auth = surface.authentication();
        Rendering rendering = surface.rendering();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.1.0");
        doc.put("info", Map.of("title", surface.title(), "version", version, "description", surface.description()));
        doc.put("servers", List.of(Map.of("url", serverUrl)));
        doc.put("security", List.of(Map.of(auth.schemeName(), List.of())));
        RecordSchemas records = new RecordSchemas();
        Map<String, Object> schemas = new LinkedHashMap<>();
        schemas.put("Error", rendering.errorSchema());
        doc.put("components", Map.of(
                "securitySchemes", Map.of(auth.schemeName(), auth.scheme()),
                "schemas", schemas));
        Map<String, Object> paths = new LinkedHashMap<>();
        for (RouteDescription route : surface.api().descriptions()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(
                    route.path().substring(surface.prefix().length()), p -> new LinkedHashMap<String, Object>());
            item.put(route.method().toLowerCase(Locale.ROOT), operation(route, records, surface));
        }
        schemas.putAll(records.components());
        doc.put("paths", paths);
        return doc;
    }

    private static Map<String, Object> operation(RouteDescription route, RecordSchemas records, ApiSurface surface) {
        Rendering rendering = surface.rendering();
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("operationId", route.operationId());
        op.put("summary", route.summary());
        if (route.tag() != null) op.put("tags", List.of(route.tag()));
        if (route.extension()) op.put("x-civicast-extension", true);
        op.put("x-required-scope", route.scope().wireName());
        List<Map<String, Object>> parameters = new ArrayList<>();
        Matcher m = PATH_PARAM.matcher(route.path());
        while (m.find()) {
            parameters.add(Map.of("name", m.group(1), "in", "path", "required", true,
                    "schema", Map.of("type", "string")));
        }
        route.query().forEach((name, schema) ->
                parameters.add(Map.of("name", name, "in", "query", "required", false, "schema", schema)));
        if (!route.method().equals("GET")) {
            parameters.add(Map.of("name", "Idempotency-Key", "in", "header", "required", false,
                    "description", "Replays the first response to a repeat of this request for 24 hours",
                    "schema", Map.of("type", "string", "maxLength", 255)));
        }
        if (!parameters.isEmpty()) op.put("parameters", parameters);
        if (route.body() != null) {
            op.put("requestBody", Map.of("required", true,
                    "content", Map.of(surface.bodies().mediaType(), Map.of("schema", route.body()))));
        }
        Map<String, Object> responses = new LinkedHashMap<>();
        responses.put(String.valueOf(route.successStatus()), Map.of("description", "Success",
                "content", Map.of("application/json",
                        Map.of("schema", rendering.successSchema(data(route, records))))));
        Map<String, Object> error = Map.of("description", "Error",
                "content", Map.of("application/json", Map.of("schema", Map.of("$ref", "#/components/schemas/Error"))));
        responses.put("default", error);
        op.put("responses", responses);
        return op;
    }

    private static Map<String, Object> data(RouteDescription route, RecordSchemas records) {
        if (route.returns().isEmpty()) return Map.of();
        List<Map<String, Object>> refs = route.returns().stream().map(records::ref).toList();
        Map<String, Object> one = refs.size() == 1 ? refs.getFirst() : Map.of("oneOf", refs);
        return route.returnsList() ? Map.of("type", "array", "items", one) : one;
    }

    private OpenApiDocument() {}
}
