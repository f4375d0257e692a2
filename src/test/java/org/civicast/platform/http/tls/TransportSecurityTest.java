package org.civicast.platform.http.tls;

import static org.civicast.platform.http.tls.TlsTestSupport.config;
import static org.civicast.platform.http.tls.TlsTestSupport.port;
import static org.civicast.platform.http.tls.TlsTestSupport.rawHttp;
import static org.civicast.platform.http.tls.TlsTestSupport.start;
import static org.civicast.platform.http.tls.TransportSecurity.Verdict.INSECURE;
import static org.civicast.platform.http.tls.TransportSecurity.Verdict.SECURE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.Javalin;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.civicast.platform.config.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransportSecurityTest {
    @TempDir Path dataDir;

    private Config proxy(String trusted) {
        return config(dataDir, "CIVICAST_TLS", "proxy", "CIVICAST_TRUSTED_PROXIES", trusted);
    }

    @Test
    void behindATrustedProxyTheForwardedProtoDecides() {
        Config config = proxy("127.0.0.1/32");
        assertEquals(SECURE, check(config, "127.0.0.1", false, "X-Forwarded-Proto", "https"));
        assertEquals(SECURE, check(config, "127.0.0.1", false, "X-Forwarded-Proto", "HTTPS"));
        assertEquals(INSECURE, check(config, "127.0.0.1", false, "X-Forwarded-Proto", "http"));
        assertEquals(INSECURE, check(config, "127.0.0.1", true));
        // The last value is the one our proxy appended; earlier ones came from further away.
        assertEquals(SECURE, check(config, "127.0.0.1", false, "X-Forwarded-Proto", "http, https"));
        assertEquals(INSECURE, check(config, "127.0.0.1", false, "X-Forwarded-Proto", "https,http"));
        assertEquals(INSECURE, check(config, "127.0.0.1", false, "X-Forwarded-Proto", "https",
                "X-Forwarded-Proto", "http"));
    }

    @Test
    void theHeaderFromAnUntrustedPeerIsIgnored() {
        Config config = proxy("10.0.0.0/8,::1");
        assertEquals(INSECURE, check(config, "127.0.0.1", false, "X-Forwarded-Proto", "https"));
        assertEquals(INSECURE, check(config, "192.168.1.9", true, "X-Forwarded-Proto", "https"));
        assertEquals(SECURE, check(config, "10.1.2.3", false, "X-Forwarded-Proto", "https"));
        assertEquals(SECURE, check(config, "0:0:0:0:0:0:0:1", false, "X-Forwarded-Proto", "https"));
        assertEquals(SECURE, check(config, "[::1]", false, "X-Forwarded-Proto", "https"));
    }

    @Test
    void inTlsModesOnlyTheConnectionCounts() {
        Config config = config(dataDir, "CIVICAST_TRUSTED_PROXIES", "127.0.0.1");
        assertEquals(SECURE, check(config, "127.0.0.1", true));
        assertEquals(INSECURE, check(config, "127.0.0.1", false, "X-Forwarded-Proto", "https"));
        assertEquals("127.0.0.1", TransportSecurity.clientAddress(
                request("127.0.0.1", true, "X-Forwarded-For", "203.0.113.5"), config));
    }

    @Test
    void theClientIsTheRightMostAddressNotOfATrustedProxy() {
        Config config = proxy("10.0.0.0/8");
        assertEquals("203.0.113.5", client(config, "10.0.0.1", "198.51.100.1, 203.0.113.5, 10.0.0.2"));
        assertEquals("203.0.113.5", client(config, "10.0.0.1", "198.51.100.1", "203.0.113.5:4711"));
        assertEquals("2001:db8:0:0:0:0:0:1", client(config, "10.0.0.1", "[2001:db8::1]:443"));
        // Only proxies all the way: the left-most is the best guess there is.
        assertEquals("10.0.0.9", client(config, "10.0.0.1", "10.0.0.9, 10.0.0.2"));
        // Garbage where an address belongs: stop at the last hop a trusted proxy vouched for.
        assertEquals("10.0.0.2", client(config, "10.0.0.1", "1.2.3.4, example.com, 10.0.0.2"));
        assertEquals("10.0.0.1", client(config, "10.0.0.1"));
        // An untrusted peer's header is its own claim, not evidence.
        assertEquals("198.51.100.7", client(config, "198.51.100.7", "10.0.0.5"));
    }

    /** The same decisions through a real Jetty connection, where the peer address is real. */
    @Test
    void realRequestsThroughAPlainHttpProxyModeConnector() throws Exception {
        Javalin trusting = start(proxy("127.0.0.1/32"));
        try {
            String forwarded = "GET /transport HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-Proto: https\r\n"
                    + "X-Forwarded-For: 203.0.113.5\r\n\r\n";
            assertTrue(rawHttp(port(trusting), forwarded).endsWith("\r\n\r\nSECURE 203.0.113.5"));
            assertTrue(rawHttp(port(trusting), "GET /transport HTTP/1.1\r\nHost: localhost\r\n\r\n")
                    .endsWith("\r\n\r\nINSECURE 127.0.0.1"));
            assertTrue(rawHttp(port(trusting), "GET /x HTTP/1.1\r\nHost: localhost\r\n\r\n").endsWith("false"));
        } finally {
            trusting.stop();
        }
        Javalin distrusting = start(proxy("10.0.0.0/8"));
        try {
            String forwarded = "GET /transport HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-Proto: https\r\n"
                    + "X-Forwarded-For: 203.0.113.5\r\n\r\n";
            assertTrue(rawHttp(port(distrusting), forwarded).endsWith("\r\n\r\nINSECURE 127.0.0.1"));
        } finally {
            distrusting.stop();
        }
        assertFalse(Files.exists(dataDir.resolve("tls")), "proxy mode must not create certificates");
    }

    @Test
    void onlyIpLiteralsAreAccepted() {
        assertEquals("192.0.2.1", TransportSecurity.ipLiteral(" 192.0.2.1 "));
        assertEquals("0:0:0:0:0:0:0:1", TransportSecurity.ipLiteral("::1"));
        assertEquals(null, TransportSecurity.ipLiteral("localhost"));
        assertEquals(null, TransportSecurity.ipLiteral("deadbeef"));
        assertEquals(null, TransportSecurity.ipLiteral("unknown"));
        assertEquals(null, TransportSecurity.ipLiteral("[::1"));
    }

    private static TransportSecurity.Verdict check(Config config, String peer, boolean secure, String... headers) {
        return TransportSecurity.check(request(peer, secure, headers), config);
    }

    private static String client(Config config, String peer, String... forwardedFor) {
        String[] headers = new String[forwardedFor.length * 2];
        for (int i = 0; i < forwardedFor.length; i++) {
            headers[2 * i] = "X-Forwarded-For";
            headers[2 * i + 1] = forwardedFor[i];
        }
        return TransportSecurity.clientAddress(request(peer, false, headers), config);
    }

    /** Just the three methods TransportSecurity may call; anything else fails loudly. */
    static HttpServletRequest request(String peer, boolean secure, String... headers) {
        return (HttpServletRequest) Proxy.newProxyInstance(TransportSecurityTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getRemoteAddr" -> peer;
                    case "isSecure" -> secure;
                    case "getHeaders" -> {
                        List<String> values = new ArrayList<>();
                        for (int i = 0; i < headers.length; i += 2) {
                            if (headers[i].equalsIgnoreCase((String) args[0])) values.add(headers[i + 1]);
                        }
                        yield Collections.enumeration(values);
                    }
                    case "toString" -> "request from " + peer;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
