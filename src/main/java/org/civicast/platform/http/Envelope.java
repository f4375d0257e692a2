package org.civicast.platform.http;

import java.util.LinkedHashMap;
import java.util.Map;

/** The two body shapes every API answer takes. */
public final class Envelope {
    private Envelope() {}

    public static byte[] success(Object data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        body.put("data", data);
        return Json.bytes(body);
    }

    public static byte[] error(ErrorCode code, int status, String message, Object details, String correlationId) {
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
        body.put("correlationId", correlationId);
        return Json.bytes(body);
    }
}
