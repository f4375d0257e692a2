package org.civicast.platform.openapi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.civicast.platform.http.ErrorCode;
import org.civicast.platform.http.RouteDescription;

/**
 * The error answers an operation can give, and the headers every answer carries, as OpenAPI
 * components. Each documented error status names the codes of the error catalogue that travel with
 * it; any other status (405, 500, 503…) is the {@code default} response. Every error has the
 * surface's error schema.
 */
final class ErrorResponses {
    private static final Pattern PATH_PARAM = Pattern.compile("\\{[A-Za-z_]+}");
    private static final String ERROR = "#/components/schemas/Error";

    /** The headers of every answer, successes and errors alike. */
    static final Map<String, Object> HEADERS = headerRefs(
            "X-Request-ID", "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset");

    private record Status(int code, String name, String description) {}

    private static final List<Status> STATUSES = List.of(
            new Status(400, "BadRequest", "The request's shape or values are wrong; details lists each field"),
            new Status(401, "Unauthorized", "Missing, malformed, unknown or revoked API key"),
            new Status(403, "Forbidden", "The key lacks the scope, or the organization is outside its reach or suspended"),
            new Status(404, "NotFound", "No such resource in the key's subtree"),
            new Status(409, "Conflict",
                    "The state forbids it; details says why (details.reason; details.projects for "
                            + "CONTACT_LIST_IN_USE and MEDIA_IN_USE; details.scope for SENDING_PAUSED)"),
            new Status(413, "PayloadTooLarge", "The body is over the size limit"),
            new Status(415, "UnsupportedMediaType", "The body is not application/json"),
            new Status(429, "TooManyRequests", "Over the key's hourly rate limit; retry after Retry-After seconds"));

    /** The error responses of one operation, by status, ending with {@code default}. */
    static Map<String, Object> of(RouteDescription route) {
        Map<String, Object> responses = new LinkedHashMap<>();
        for (Status status : STATUSES) {
            if (applies(status.code(), route)) {
                responses.put(String.valueOf(status.code()), Map.of("$ref", "#/components/responses/" + status.name()));
            }
        }
        responses.put("default", Map.of("$ref", "#/components/responses/Error"));
        return responses;
    }

    private static boolean applies(int status, RouteDescription route) {
        return switch (status) {
            case 404 -> PATH_PARAM.matcher(route.path()).find();
            case 409 -> !route.method().equals("GET");
            case 413, 415 -> route.body() != null;
            default -> true;
        };
    }

    /** components.responses: one per documented status, and the default. */
    static Map<String, Object> components() {
        Map<String, Object> responses = new LinkedHashMap<>();
        for (Status status : STATUSES) {
            List<String> codes = new ArrayList<>();
            for (ErrorCode code : ErrorCode.values()) {
                if (code.status() == status.code()) codes.add(code.name());
            }
            Map<String, Object> headers = new LinkedHashMap<>(HEADERS);
            if (status.code() == 429) headers.putAll(headerRefs("Retry-After"));
            responses.put(status.name(), Map.of(
                    "description", status.description() + " (" + String.join(", ", codes) + ")",
                    "headers", headers,
                    "content", Map.of("application/json", Map.of("schema", Map.of("$ref", ERROR)))));
        }
        responses.put("Error", Map.of("description", "Any other error, such as 405 METHOD_NOT_ALLOWED, "
                        + "500 INTERNAL_ERROR or 503 SERVICE_UNAVAILABLE",
                "headers", HEADERS,
                "content", Map.of("application/json", Map.of("schema", Map.of("$ref", ERROR)))));
        return responses;
    }

    /** components.headers. */
    static Map<String, Object> headers() {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("X-Request-ID", header("string",
                "Identifies the request in the server's logs; the caller's own when it sent a valid one. "
                        + "Error bodies repeat it as correlationId"));
        headers.put("X-RateLimit-Limit", header("integer", "Requests allowed in the current clock hour"));
        headers.put("X-RateLimit-Remaining", header("integer", "Requests left in the current clock hour"));
        headers.put("X-RateLimit-Reset", header("integer", "Unix time (seconds) when the current window ends"));
        headers.put("Retry-After", header("integer", "Seconds until the key may send requests again"));
        return headers;
    }

    private static Map<String, Object> header(String type, String description) {
        return Map.of("description", description, "required", true, "schema", Map.of("type", type));
    }

    private static Map<String, Object> headerRefs(String... names) {
        Map<String, Object> refs = new LinkedHashMap<>();
        for (String name : names) refs.put(name, Map.of("$ref", "#/components/headers/" + name));
        return refs;
    }

    private ErrorResponses() {}
}
