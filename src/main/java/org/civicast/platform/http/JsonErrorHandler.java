package org.civicast.platform.http;

import java.nio.ByteBuffer;
import java.util.UUID;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Answers the errors Jetty raises before a request reaches the application (a malformed URI, a
 * bad header) in the API's error format instead of Jetty's HTML page.
 */
final class JsonErrorHandler extends ErrorHandler {
    private final Function<String, Rendering> renderingForPath;

    JsonErrorHandler(Function<String, Rendering> renderingForPath) {
        this.renderingForPath = renderingForPath;
    }

    @Override
    protected void generateResponse(Request request, Response response, int status, String message,
                                    Throwable cause, Callback callback) {
        ErrorCode code = switch (status) {
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            default -> status >= 400 && status < 500 ? ErrorCode.VALIDATION_ERROR : ErrorCode.INTERNAL_ERROR;
        };
        String text = status >= 500 ? "Internal error" : "Malformed request" + (message == null ? "" : ": " + message);
        String requestId = UUID.randomUUID().toString();
        byte[] body = renderingForPath.apply(pathOf(request)).error(code, status, text, null, requestId);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put("X-Request-ID", requestId);
        // Jetty gives up on such a connection (an unread body may follow); say so, so clients
        // do not send their next request down a connection about to close.
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** The request's path, or null when Jetty could not make one out of it. */
    private static String pathOf(Request request) {
        try {
            return request.getHttpURI().getPath();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
