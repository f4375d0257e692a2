package org.civicast.platform.http;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Answers the errors Jetty raises before a request reaches the application (a malformed URI,
 * oversized headers, an unknown protocol version) in the API's error format instead of Jetty's
 * HTML page or an empty body, with the headers every answer carries, whatever the method.
 */
final class JsonErrorHandler extends ErrorHandler {
    /** Counts a refused request against its client address and writes the rate-limit headers. */
    interface RefusalCounter {
        void count(String peer, List<String> forwardedFor, BiConsumer<String, String> header);
    }

    private final Function<String, Rendering> renderingForPath;
    private final RefusalCounter counter;

    JsonErrorHandler(Function<String, Rendering> renderingForPath, RefusalCounter counter) {
        this.renderingForPath = renderingForPath;
        this.counter = counter;
    }

    /** Jetty writes no body for methods other than GET, POST and HEAD unless told otherwise. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateCacheControl(Response response) {
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    }

    @Override
    protected void generateResponse(Request request, Response response, int status, String message,
                                    Throwable cause, Callback callback) {
        ErrorCode code = switch (status) {
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 414 -> ErrorCode.URI_TOO_LONG;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case 431 -> ErrorCode.HEADERS_TOO_LARGE;
            case 426, 505 -> ErrorCode.HTTP_VERSION_NOT_SUPPORTED;
            default -> status >= 400 && status < 500 ? ErrorCode.VALIDATION_ERROR : ErrorCode.INTERNAL_ERROR;
        };
        String text = switch (code) {
            case HTTP_VERSION_NOT_SUPPORTED -> "Civicast speaks HTTP/1.1 (and HTTP/1.0); send the request as HTTP/1.1";
            case URI_TOO_LONG -> "The request's URI is too long";
            case HEADERS_TOO_LARGE -> "The request's headers are too large";
            case INTERNAL_ERROR -> "Internal error";
            default -> "Malformed request" + (message == null ? "" : ": " + message);
        };
        String requestId = UUID.randomUUID().toString();
        byte[] body = renderingForPath.apply(pathOf(request)).error(code, status, text, null, requestId);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put("X-Request-ID", requestId);
        TransportHeaders.apply(response.getHeaders()::put);
        try {
            counter.count(Request.getRemoteAddr(request), request.getHeaders().getValuesList("X-Forwarded-For"),
                    response.getHeaders()::put);
        } catch (RuntimeException e) {
            // The database is unreachable: the refusal still goes out, without the limit headers.
        }
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
