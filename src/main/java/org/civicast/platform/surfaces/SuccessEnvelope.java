package org.civicast.platform.surfaces;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.civicast.platform.http.ErrorCode;
import org.civicast.platform.http.Json;
import org.civicast.platform.http.Rendering;

/**
 * The texting API's two body shapes: {@code {success:true, data}} and
 * {@code {success:false, error, code, statusCode, details?, correlationId}}.
 */
public final class SuccessEnvelope implements Rendering {
    @Override
    public byte[] success(Object data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        body.put("data", data);
        return Json.bytes(body);
    }

    @Override
    public byte[] error(ErrorCode code, int status, String message, Object details, String requestId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", false);
        body.put("error", message);
        body.put("code", code.name());
        body.put("statusCode", status);
        if (details != null) body.put("details", details);
        // The reference client documents 429 bodies as carrying retryAfter at the top level.
        if (code == ErrorCode.RATE_LIMIT_EXCEEDED && details instanceof Map<?, ?> d && d.containsKey("retryAfter")) {
            body.put("retryAfter", d.get("retryAfter"));
        }
        body.put("correlationId", requestId);
        return Json.bytes(body);
    }

    @Override
    public Map<String, Object> successSchema(Map<String, Object> dataSchema) {
        return Map.of("type", "object", "required", List.of("success", "data"),
                "properties", Map.of("success", Map.of("const", true), "data", dataSchema));
    }

    @Override
    public Map<String, Object> errorSchema() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("success", Map.of("const", false));
        properties.put("error", Map.of("type", "string"));
        properties.put("code", Map.of("type", "string"));
        properties.put("statusCode", Map.of("type", "integer"));
        properties.put("details", Map.of());
        properties.put("correlationId", Map.of("type", "string"));
        return Map.of("type", "object", "required", List.of("success", "error", "code", "statusCode"),
                "properties", properties);
    }
}
