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
        Map<String, Object> components = new LinkedHashMap<>();
        components.put("securitySchemes", Map.of(auth.schemeName(), auth.scheme()));
        components.put("schemas", schemas);
        components.put("responses", ErrorResponses.components());
        components.put("headers", ErrorResponses.headers());
        doc.put("components", components);
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
                "headers", ErrorResponses.HEADERS,
                "content", route.fileType() != null
                        ? Map.of(route.fileType(), Map.of("schema", Map.of("type", "string")))
                        : Map.of("application/json", Map.of("schema", rendering.successSchema(data(route, records))))));
        responses.putAll(ErrorResponses.of(route));
        op.put("responses", responses);
        return op;
    }

    /**
     * The schema of a success's data. A list of several kinds of record is a {@code oneOf} that a
     * row can match only once: each kind's schema pins the property that names the kind to its
     * value, and a discriminator maps the values to the schemas. Without such a property the kinds
     * may overlap, so the list is only an {@code anyOf}.
     */
    private static Map<String, Object> data(RouteDescription route, RecordSchemas records) {
        if (route.returns().isEmpty()) return Map.of();
        Map<String, Object> one;
        if (route.returns().size() == 1) {
            one = records.ref(route.returns().getFirst());
        } else if (route.kindProperty() != null) {
            Map<String, Object> mapping = new LinkedHashMap<>();
            List<Map<String, Object>> refs = new ArrayList<>();
            route.kinds().forEach((value, record) -> {
                Map<String, Object> ref = records.ref(record);
                records.pin(record, route.kindProperty(), value);
                refs.add(ref);
                mapping.put(value, ref.get("$ref"));
            });
            one = new LinkedHashMap<>();
            one.put("oneOf", refs);
            one.put("discriminator", Map.of("propertyName", route.kindProperty(), "mapping", mapping));
        } else {
            one = Map.of("anyOf", route.returns().stream().map(records::ref).toList());
        }
        return route.returnsList() ? Map.of("type", "array", "items", one) : one;
    }

    private OpenApiDocument() {}
}
