package org.civicast.platform.surfaces;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.civicast.platform.http.ApiException;
import org.civicast.platform.http.ErrorCode;
import org.civicast.platform.http.Json;
import org.civicast.platform.http.Rendering;

/**
 * The advocacy API's bodies, as Rally Congress clients read them: a success is the resource (or a
 * page of them) itself; an error is {@code {"response": {"errors": ["…", …]}}}, whose first entry
 * clients show, so it says what went wrong and each field's problem follows it.
 */
public final class RallyResponses implements Rendering {
    @Override
    public byte[] success(Object data) {
        return Json.bytes(data);
    }

    @Override
    public byte[] error(ErrorCode code, int status, String message, Object details, String requestId) {
        List<String> errors = new ArrayList<>();
        if (details instanceof List<?> issues && !issues.isEmpty() && issues.getFirst() instanceof ApiException.FieldIssue) {
            for (Object issue : issues) {
                ApiException.FieldIssue f = (ApiException.FieldIssue) issue;
                errors.add(f.field() + " " + f.message());
            }
        } else {
            errors.add(message);
        }
        return Json.bytes(Map.of("response", Map.of("errors", errors, "code", code.name(), "requestId", requestId)));
    }

    @Override
    public Map<String, Object> successSchema(Map<String, Object> dataSchema) {
        return dataSchema;
    }

    @Override
    public Map<String, Object> errorSchema() {
        return Map.of("type", "object", "required", List.of("response"),
                "properties", Map.of("response", Map.of("type", "object", "required", List.of("errors"),
                        "properties", Map.of(
                                "errors", Map.of("type", "array", "minItems", 1, "items", Map.of("type", "string")),
                                "code", Map.of("type", "string"),
                                "requestId", Map.of("type", "string")))));
    }
}
