package org.civicast.platform.http;

import java.util.Map;

/**
 * The body shapes of one API surface: how a success wraps its data, how an error reads, and the
 * JSON Schemas of both for the OpenAPI document, so the document and the answers cannot drift.
 */
public interface Rendering {
    byte[] success(Object data);

    byte[] error(ErrorCode code, int status, String message, Object details, String requestId);

    /** The schema of a success body whose data has the given schema. */
    Map<String, Object> successSchema(Map<String, Object> dataSchema);

    Map<String, Object> errorSchema();

    default byte[] error(ApiException e, String requestId) {
        return error(e.code(), e.code().status(), e.getMessage(), e.details(), requestId);
    }
}
