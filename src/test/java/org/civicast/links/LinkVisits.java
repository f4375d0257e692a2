package org.civicast.links;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.civicast.testing.ApiClient;
import org.civicast.testing.MutableClock;
import org.civicast.testing.RawHttps;
import org.civicast.testing.TestServer;

/**
 * What the short-link tests share: requests to the test server with the Host header a phone would
 * send for a tracking domain, and tracking domains that the server serves at once.
 */
final class LinkVisits {
    static final String PHONE_BROWSER = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
            + "(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1";

    private LinkVisits() {}

    /** One request over HTTPS to {@code host}; {@code userAgent} null sends none. */
    static RawHttps.Answer send(TestServer server, String method, String host, String target, String userAgent,
                                String... headerLines) {
        return RawHttps.send(server.port(), request(method, host, target, userAgent, headerLines));
    }

    /** A browser's GET of a path on a host. */
    static RawHttps.Answer get(TestServer server, String host, String target) {
        return send(server, "GET", host, target, PHONE_BROWSER);
    }

    /** The same request as plain HTTP, on the same port. */
    static RawHttps.Answer sendPlain(TestServer server, String method, String host, String target) {
        return RawHttps.send(server.port(), request(method, host, target, PHONE_BROWSER).getBytes(StandardCharsets.ISO_8859_1),
                false);
    }

    private static String request(String method, String host, String target, String userAgent, String... headerLines) {
        StringBuilder r = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: " + host + "\r\n");
        if (userAgent != null) r.append("User-Agent: ").append(userAgent).append("\r\n");
        for (String line : headerLines) r.append(line).append("\r\n");
        return r.append("Connection: close\r\n\r\n").toString();
    }

    /** Registers a tracking domain and returns its id. */
    static String domain(ApiClient key, String name, String status) {
        return TestServer.idOf(key.post("/v1/tracking-domains", Map.of("domain", name, "status", status)));
    }

    /**
     * Moves the server's clock past the time it keeps its list of tracking domains, and waits until
     * the list read again in the background shows: until a HEAD of {@code path} on {@code host}
     * (never counted as a click) is answered as {@code wanted}.
     */
    static RawHttps.Answer domainsReread(TestServer server, MutableClock clock, String host, String path,
                                         Predicate<RawHttps.Answer> wanted) {
        clock.advance(TrackingHosts.FRESH_FOR.plus(Duration.ofSeconds(1)));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            RawHttps.Answer answer = send(server, "HEAD", host, path, PHONE_BROWSER);
            if (wanted.test(answer) || System.nanoTime() > deadline) return answer;
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return answer;
            }
        }
    }

    /** True for an answer from a tracking domain rather than from the API. */
    static boolean fromTrackingDomain(RawHttps.Answer answer) {
        String type = answer.header("Content-Type");
        return answer.status() == 302 || type != null && type.startsWith("text/html");
    }
}
