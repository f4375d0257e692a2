package org.civicast.platform.http;

/** The machine codes of the API's error catalogue, each with the HTTP status it travels with. */
public enum ErrorCode {
    VALIDATION_ERROR(400),
    INVALID_DATE_FORMAT(400),
    RANGE_TOO_LARGE(400),
    RANGE_TOO_OLD(400),
    BRAND_ORG_MISMATCH(400),
    INVALID_LINK_PLACEHOLDER(400),
    HTTPS_REQUIRED(400),
    INVALID_API_KEY(401),
    METRICS_TOKEN_REQUIRED(401),
    ORG_ACCESS_DENIED(403),
    PERMISSION_DENIED(403),
    NOT_FOUND(404),
    METHOD_NOT_ALLOWED(405),
    CONFLICT(409),
    CONTACT_LIST_IN_USE(409),
    CONTACT_LIST_NOT_READY(409),
    MEDIA_IN_USE(409),
    SENDING_PAUSED(409),
    PAYLOAD_TOO_LARGE(413),
    URI_TOO_LONG(414),
    UNSUPPORTED_MEDIA_TYPE(415),
    RATE_LIMIT_EXCEEDED(429),
    HEADERS_TOO_LARGE(431),
    INTERNAL_ERROR(500),
    SERVICE_UNAVAILABLE(503),
    HTTP_VERSION_NOT_SUPPORTED(505);

    private final int status;

    ErrorCode(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }
}
