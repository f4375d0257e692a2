package org.civicast.media;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A plain-HTTP file server on 127.0.0.1 that plays the client's file host: each path answers
 * with a status, a Content-Type (often a wrong one) and bytes, after an optional delay.
 */
final class SourceServer implements AutoCloseable {
    record Answer(int status, String contentType, byte[] body, Duration delay) {}

    private final HttpServer http;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

    private SourceServer(HttpServer http) {
        this.http = http;
    }

    static SourceServer start() throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        SourceServer server = new SourceServer(http);
        http.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            server.hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            Answer answer = server.answers.getOrDefault(path, new Answer(404, "text/html", "<h1>Not found</h1>".getBytes(),
                    Duration.ZERO));
            try {
                Thread.sleep(answer.delay());
                if (answer.contentType() != null) exchange.getResponseHeaders().set("Content-Type", answer.contentType());
                exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer.body());
                }
            } catch (InterruptedException | IOException e) {
                // the client gave up waiting, as timeouts are meant to make it
            } finally {
                exchange.close();
            }
        });
        http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        http.start();
        return server;
    }

    String url(String path) {
        return "http://127.0.0.1:" + http.getAddress().getPort() + path;
    }

    SourceServer serve(String path, String contentType, byte[] body) {
        answers.put(path, new Answer(200, contentType, body, Duration.ZERO));
        return this;
    }

    SourceServer answer(String path, int status) {
        answers.put(path, new Answer(status, "text/html", ("<h1>" + status + "</h1>").getBytes(), Duration.ZERO));
        return this;
    }

    SourceServer slow(String path, Duration delay, byte[] body) {
        answers.put(path, new Answer(200, "image/png", body, delay));
        return this;
    }

    int hits(String path) {
        AtomicInteger n = hits.get(path);
        return n == null ? 0 : n.get();
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
