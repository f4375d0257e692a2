package org.civicast.platform.http;

import java.util.function.BiConsumer;

/**
 * Headers every answer carries, whoever writes it (a route, an error, Jetty itself): browsers keep
 * to HTTPS for a year, never guess a content type, and no cache keeps an answer, least of all the
 * one that shows a new key's secret.
 */
final class TransportHeaders {
    static void apply(BiConsumer<String, String> header) {
        header.accept("Strict-Transport-Security", "max-age=31536000");
        header.accept("X-Content-Type-Options", "nosniff");
        header.accept("Cache-Control", "no-store");
    }

    private TransportHeaders() {}
}
