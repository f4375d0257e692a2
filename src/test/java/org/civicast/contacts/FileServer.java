package org.civicast.contacts;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A local HTTP file server for imports: files by path, and paths that answer badly on purpose.
 * Other features' tests (projects) serve their lists with it too.
 */
public final class FileServer implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    /** Bytes of files sent so far, over all requests. */
    final java.util.concurrent.atomic.AtomicLong sent = new java.util.concurrent.atomic.AtomicLong();

    public FileServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", this::serve);
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    public String put(String path, byte[] content) {
        files.put(path, content);
        return url(path);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        try (exchange) {
            switch (path) {
                case "/forbidden" -> exchange.sendResponseHeaders(403, -1);
                case "/unavailable" -> exchange.sendResponseHeaders(503, -1);
                case "/slow" -> {
                    sleep(8000);
                    exchange.sendResponseHeaders(200, -1);
                }
                default -> {
                    byte[] body = files.get(path);
                    if (body == null) {
                        exchange.sendResponseHeaders(404, -1);
                        return;
                    }
                    // Chunked when asked, to show progress and limits hold without a Content-Length.
                    boolean chunked = exchange.getRequestURI().getQuery() != null
                            && exchange.getRequestURI().getQuery().contains("chunked");
                    // Throttled when asked: 64 KiB every 20 ms, so that a test can act in the middle of an import.
                    boolean throttled = exchange.getRequestURI().getQuery() != null
                            && exchange.getRequestURI().getQuery().contains("throttle");
                    exchange.sendResponseHeaders(200, chunked ? 0 : body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        for (int at = 0; at < body.length; at += 65_536) {
                            out.write(body, at, Math.min(65_536, body.length - at));
                            sent.addAndGet(Math.min(65_536, body.length - at));
                            if (throttled) sleep(20);
                        }
                    } catch (IOException ignored) {
                        // the client stopped reading
                    }
                }
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
