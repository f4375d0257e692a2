package org.civicast.lookup.providers;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * A lookup API on 127.0.0.1 that answers one number per GET under {@code pathPrefix}, as Telnyx
 * and Twilio do, with whatever the test scripts for (number, attempt). It counts the requests it
 * is serving at once, to prove a client's concurrency limit.
 */
public final class FakeLookupApi implements AutoCloseable {
    /** One response: status, JSON body and extra headers. */
    public record Answer(int status, String body, Map<String, String> headers) {
        public static Answer json(int status, String body) {
            return new Answer(status, body, Map.of());
        }

        public Answer withHeader(String name, String value) {
            Map<String, String> more = new java.util.HashMap<>(headers);
            more.put(name, value);
            return new Answer(status, body, more);
        }
    }

    /** What a request looked like. */
    public record Seen(String number, String query, String authorization) {}

    public final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    private final HttpServer server;
    private final String pathPrefix;
    /** Given the number and which request for it this is (1 for the first), the answer. */
    public volatile BiFunction<String, Integer, Answer> answers;
    /** How long each answer takes. */
    public volatile Duration latency = Duration.ZERO;

    public FakeLookupApi(String pathPrefix, BiFunction<String, Integer, Answer> answers) throws IOException {
        this.pathPrefix = pathPrefix;
        this.answers = answers;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext(pathPrefix, this::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public int requestsFor(String number) {
        AtomicInteger n = attempts.get(number);
        return n == null ? 0 : n.get();
    }

    public int mostAtOnce() {
        return mostInFlight.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Answer answer = answer(exchange);
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** The request counts as in flight until its answer is ready, before the client can see it and send the next. */
    private Answer answer(HttpExchange exchange) {
        int now = inFlight.incrementAndGet();
        mostInFlight.accumulateAndGet(now, Math::max);
        try {
            // The number is a path segment; '+' in a path is a plus, not a space.
            String raw = exchange.getRequestURI().getRawPath().substring(pathPrefix.length());
            String number = URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
            seen.add(new Seen(number, exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders().getFirst("Authorization")));
            int attempt = attempts.computeIfAbsent(number, k -> new AtomicInteger()).incrementAndGet();
            Thread.sleep(latency);
            return answers.apply(number, attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Answer.json(503, "{}");
        } finally {
            inFlight.decrementAndGet();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
