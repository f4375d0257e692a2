package org.civicast.platform.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * Serves {@code GET /metrics} on a listener of its own (plain HTTP, meant for a loopback or
 * monitoring-network address), so the public HTTPS port need not answer scrapers at all.
 */
public final class MetricsListener implements AutoCloseable {
    private final HttpServer server;

    private MetricsListener(HttpServer server) {
        this.server = server;
    }

    public static MetricsListener start(InetSocketAddress address, Metrics metrics, MetricsAccess access) {
        try {
            HttpServer server = HttpServer.create(address, 16);
            server.createContext("/", exchange -> answer(exchange, metrics, access));
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return new MetricsListener(server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for metrics on " + address, e);
        }
    }

    private static void answer(HttpExchange exchange, Metrics metrics, MetricsAccess access) throws IOException {
        try (exchange) {
            int status;
            String type = "text/plain; charset=utf-8";
            byte[] body;
            if (!exchange.getRequestURI().getPath().equals("/metrics")) {
                status = 404;
                body = "Only /metrics is served here\n".getBytes(StandardCharsets.UTF_8);
            } else if (!exchange.getRequestMethod().equals("GET")) {
                status = 405;
                exchange.getResponseHeaders().add("Allow", "GET");
                body = new byte[0];
            } else if (!access.allows(exchange.getRequestHeaders().getFirst("Authorization"))) {
                status = 401;
                exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer");
                body = "A bearer token is required\n".getBytes(StandardCharsets.UTF_8);
            } else {
                status = 200;
                type = "text/plain; version=0.0.4";
                body = metrics.scrape().getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().add("Content-Type", type);
            exchange.getResponseHeaders().add("Cache-Control", "no-store");
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
