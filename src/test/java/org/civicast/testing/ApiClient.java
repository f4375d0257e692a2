package org.civicast.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.civicast.platform.http.Json;

/** An HTTPS client for one API key that trusts only the test server's own certificate. */
public final class ApiClient {
    private final HttpClient http;
    private final String baseUrl;
    private final String apiKey;

    ApiClient(HttpClient http, String baseUrl, String apiKey) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
    }

    static HttpClient httpClientTrusting(Path certificatePem) {
        try (InputStream in = Files.newInputStream(certificatePem)) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("civicast", CertificateFactory.getInstance("X.509").generateCertificate(in));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            return HttpClient.newBuilder().sslContext(ssl).version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
        } catch (Exception e) {
            throw new IllegalStateException("cannot trust " + certificatePem, e);
        }
    }

    public ApiClient withKey(String otherKey) {
        return new ApiClient(http, baseUrl, otherKey);
    }

    public Response get(String path) {
        return send("GET", path, null, Map.of());
    }

    public Response post(String path, Object body) {
        return send("POST", path, body, Map.of());
    }

    public Response patch(String path, Object body) {
        return send("PATCH", path, body, Map.of());
    }

    public Response delete(String path) {
        return send("DELETE", path, null, Map.of());
    }

    /** Any request; a String body is sent verbatim, anything else as JSON. */
    public Response send(String method, String path, Object body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
        if (apiKey != null) request.header("X-API-Key", apiKey);
        Map<String, String> all = new LinkedHashMap<>();
        if (body != null) all.put("Content-Type", "application/json");
        all.putAll(headers);
        // HttpClient owns the Expect header; ask for it the way it allows.
        if ("100-continue".equalsIgnoreCase(all.remove("Expect"))) request.expectContinue(true);
        all.forEach(request::header);
        byte[] bytes = body == null ? null : body instanceof String s ? s.getBytes() : Json.bytes(body);
        request.method(method, bytes == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes));
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A response: status, headers and the body parsed as JSON (null when it is not JSON). */
    public record Response(int status, Map<String, java.util.List<String>> headers, byte[] raw) {
        public JsonNode json() {
            try {
                return Json.MAPPER.readTree(raw);
            } catch (IOException e) {
                return null;
            }
        }

        public JsonNode data() {
            return json().get("data");
        }

        public String code() {
            JsonNode code = json().get("code");
            return code == null ? null : code.asText();
        }

        public String header(String name) {
            for (var e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) return e.getValue().getFirst();
            }
            return null;
        }

        @Override
        public String toString() {
            return status + " " + new String(raw);
        }
    }
}
