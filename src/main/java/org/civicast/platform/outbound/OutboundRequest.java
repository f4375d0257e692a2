package org.civicast.platform.outbound;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/** One HTTP request: method, absolute URL, extra headers and an optional body. */
public record OutboundRequest(String method, URI uri, Map<String, String> headers, byte[] body) {
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    /** Framing headers are the client's to write; taking them from a caller would allow request smuggling. */
    private static final Set<String> RESERVED = Set.of("host", "content-length", "transfer-encoding", "connection",
            "upgrade", "te", "trailer", "keep-alive", "expect");

    private static final Set<String> CREDENTIALS = Set.of("authorization", "proxy-authorization", "cookie");

    public OutboundRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        if (!TOKEN.matcher(method).matches()) throw new IllegalArgumentException("method " + method);
        headers = Map.copyOf(headers == null ? Map.of() : headers);
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (!TOKEN.matcher(header.getKey()).matches()) throw new IllegalArgumentException("header name " + header.getKey());
            if (RESERVED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException(header.getKey() + " is set by the client");
            }
            if (header.getValue().chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                throw new IllegalArgumentException("header " + header.getKey() + " holds a line break");
            }
        }
        body = body == null ? null : body.clone();
    }

    public static OutboundRequest get(URI uri) {
        return new OutboundRequest("GET", uri, Map.of(), null);
    }

    public static OutboundRequest post(URI uri, String contentType, byte[] body) {
        return new OutboundRequest("POST", uri, Map.of("Content-Type", contentType), body);
    }

    public static OutboundRequest post(URI uri, String contentType, String body) {
        return post(uri, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    public OutboundRequest withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new OutboundRequest(method, uri, more, body);
    }

    /**
     * The same request to another URL, as a redirect asks. Turned into a GET it loses its body and
     * the headers describing it; sent to another host it loses its credentials.
     */
    OutboundRequest redirectedTo(URI target, String newMethod) {
        boolean get = "GET".equals(newMethod);
        boolean sameOrigin = Objects.equals(uri.getScheme(), target.getScheme())
                && Objects.equals(uri.getRawAuthority(), target.getRawAuthority());
        Map<String, String> kept = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (get && lower.startsWith("content-")) return;
            if (!sameOrigin && CREDENTIALS.contains(lower)) return;
            kept.put(name, value);
        });
        return new OutboundRequest(newMethod, target, kept, get ? null : body);
    }

    @Override
    public byte[] body() {
        return body == null ? null : body.clone();
    }
}
