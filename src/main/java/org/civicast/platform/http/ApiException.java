package org.civicast.platform.http;

import java.util.List;
import java.util.Map;

/**
 * An answer in the API's error format. Services throw it for any refusal; the HTTP layer renders
 * it as {@code {success:false, error, code, statusCode, details?, correlationId}}.
 */
public final class ApiException extends RuntimeException {
    private final ErrorCode code;
    private final transient Object details;

    public ApiException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public ApiException(ErrorCode code, String message, Object details) {
        super(message, null, false, false);
        this.code = code;
        this.details = details;
    }

    public ErrorCode code() {
        return code;
    }

    public Object details() {
        return details;
    }

    public static ApiException notFound(String what) {
        return new ApiException(ErrorCode.NOT_FOUND, what + " not found");
    }

    public static ApiException validation(String field, String message) {
        return new ApiException(ErrorCode.VALIDATION_ERROR, "Request validation failed",
                List.of(new FieldIssue(field, message)));
    }

    public static ApiException validation(List<FieldIssue> issues) {
        return new ApiException(ErrorCode.VALIDATION_ERROR, "Request validation failed", List.copyOf(issues));
    }

    public static ApiException conflict(String message, String reason) {
        return new ApiException(ErrorCode.CONFLICT, message, Map.of("reason", reason));
    }

    /** One problem with one field of a request, as listed in VALIDATION_ERROR details. */
    public record FieldIssue(String field, String message) {}
}
