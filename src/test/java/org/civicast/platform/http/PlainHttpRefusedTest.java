package org.civicast.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.civicast.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Plain HTTP on the HTTPS port never gets data, even with a valid key. */
class PlainHttpRefusedTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String plain(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void apiClientGetsJsonErrorAndNoData() throws IOException {
        long before = rootKeyRequests();
        String response = plain("GET /v1/organizations HTTP/1.1\r\nHost: localhost\r\nX-API-Key: "
                + server.rootKey() + "\r\nConnection: close\r\n\r\n");
        assertTrue(response.startsWith("HTTP/1.1 400"), response);
        assertTrue(response.contains("\"code\":\"HTTPS_REQUIRED\""), response);
        assertFalse(response.contains("Root organization"), "organization data leaked over plain HTTP");
        assertTrue(response.contains("X-RateLimit-Remaining"), "counted, like every answer: " + response);
        assertEquals(before + 1, rootKeyRequests(), "against the client address: the key was not even looked at");
    }

    /** The root key's lifetime request count, which this very request raises by one. */
    private static long rootKeyRequests() {
        for (var key : server.root().get("/v1/api-keys").data()) {
            if (key.get("name").asText().equals("root")) return key.get("request_count").asLong();
        }
        throw new AssertionError("no root key");
    }

    @Test
    void browserIsRedirectedToHttps() throws IOException {
        String response = plain("GET /some/page?x=1 HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\n"
                + "Connection: close\r\n\r\n");
        assertTrue(response.startsWith("HTTP/1.1 308"), response);
        assertTrue(response.contains("Location: https://localhost:" + server.port() + "/some/page?x=1"), response);
    }

    @Test
    void writesOverPlainHttpChangeNothing() throws IOException {
        String body = "{\"display_name\":\"Plain\"}";
        String response = plain("POST /v1/organizations HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + server.rootKey()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                + "\r\nConnection: close\r\n\r\n" + body);
        assertTrue(response.startsWith("HTTP/1.1 400"), response);
        assertEquals(1, server.root().get("/v1/organizations").data().size());
    }
}
