package org.civicast.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.civicast.platform.http.tls.ServerCertificates;

/**
 * Requests exactly as given, for tests of odd input: the path and query as raw (already
 * percent-encoded) text, each header line as given (a name may repeat, nothing is added but what
 * HTTP/1.1 framing needs), and the body as bytes, valid UTF-8 or not. {@link #exchange} goes
 * further: the bytes of a whole request over TLS, framing and all.
 */
public final class HttpProbe {
    private final HttpClient http;
    private final String baseUrl;
    private final Duration timeout;

    private HttpProbe(HttpClient http, String baseUrl, Duration timeout) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.timeout = timeout;
    }

    public static HttpProbe of(TestServer server, Duration timeout) {
        return new HttpProbe(ApiClient.httpClientTrusting(ServerCertificates.selfSignedCertificatePem(server.dataDir())),
                server.baseUrl(), timeout);
    }

    /** Sends one request; a body of null sends none. Throws IOException when no answer comes. */
    public ApiClient.Response send(String method, String rawPathAndQuery, List<Map.Entry<String, String>> headers,
                                   byte[] body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + rawPathAndQuery)).timeout(timeout);
        for (Map.Entry<String, String> h : headers) request.header(h.getKey(), h.getValue());
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new ApiClient.Response(response.statusCode(), response.headers().map(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /**
     * Writes {@code request} as it is over a new TLS connection and reads the answer until the
     * server closes the connection or {@code timeout} passes without a byte. The request should ask
     * for {@code Connection: close}. Answers with a body framed by Content-Length, chunks or the
     * end of the connection.
     */
    public ApiClient.Response exchange(byte[] request) throws IOException {
        return exchange(request, false);
    }

    /**
     * Like {@link #exchange(byte[])}; with {@code halfClose} it then closes its sending side (TLS
     * close_notify), as a client whose request was cut short. Answers null when the server then
     * closes the connection without a byte.
     */
    public ApiClient.Response exchange(byte[] request, boolean halfClose) throws IOException {
        URI base = URI.create(baseUrl);
        try (Socket socket = http.sslContext().getSocketFactory().createSocket(base.getHost(), base.getPort())) {
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            if (halfClose) socket.shutdownOutput();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) != -1; ) {
                    received.write(buffer, 0, n);
                    if (complete(received.toByteArray())) break;
                }
            } catch (SocketTimeoutException e) {
                if (received.size() == 0) throw e;
            } catch (IOException e) {
                // A reset after the answer still leaves the answer; one before it, none.
                if (received.size() == 0 && !halfClose) throw e;
            }
            if (halfClose && received.size() == 0) return null;
            return parse(received.toByteArray());
        }
    }

    private static int headEnd(byte[] bytes) {
        for (int i = 0; i + 3 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') return i;
        }
        return -1;
    }

    /** True once a whole answer with a Content-Length has arrived (others end with the connection). */
    private static boolean complete(byte[] bytes) {
        int end = headEnd(bytes);
        if (end < 0) return false;
        String length = headers(new String(bytes, 0, end, StandardCharsets.ISO_8859_1)).get("content-length");
        return length != null && bytes.length - end - 4 >= Long.parseLong(length.trim());
    }

    private static Map<String, String> headers(String head) {
        Map<String, String> headers = new LinkedHashMap<>();
        String[] lines = head.split("\r\n");
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) headers.putIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(), lines[i].substring(colon + 1).trim());
        }
        return headers;
    }

    private static ApiClient.Response parse(byte[] bytes) throws IOException {
        int end = headEnd(bytes);
        if (end < 0) throw new IOException("no complete answer head in " + bytes.length + " bytes");
        String head = new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
        String[] status = head.split("\r\n", 2)[0].split(" ", 3);
        Map<String, String> headers = headers(head);
        byte[] body = java.util.Arrays.copyOfRange(bytes, end + 4, bytes.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) body = dechunk(body);
        else if (headers.containsKey("content-length")) {
            body = java.util.Arrays.copyOf(body, (int) Math.min(body.length, Long.parseLong(headers.get("content-length").trim())));
        }
        Map<String, List<String>> multi = new LinkedHashMap<>();
        headers.forEach((k, v) -> multi.put(k, List.of(v)));
        return new ApiClient.Response(Integer.parseInt(status[1]), multi, body);
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < chunked.length) {
            int lineEnd = i;
            while (lineEnd + 1 < chunked.length && !(chunked[lineEnd] == '\r' && chunked[lineEnd + 1] == '\n')) lineEnd++;
            String size = new String(chunked, i, lineEnd - i, StandardCharsets.ISO_8859_1).split(";")[0].trim();
            int n;
            try {
                n = Integer.parseInt(size, 16);
            } catch (NumberFormatException e) {
                break;
            }
            if (n == 0) break;
            int start = lineEnd + 2;
            out.write(chunked, start, Math.min(n, chunked.length - start));
            i = start + n + 2;
        }
        return out.toByteArray();
    }
}
