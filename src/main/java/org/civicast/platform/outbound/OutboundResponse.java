package org.civicast.platform.outbound;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A complete response. Header names are lower case; {@code uri} is the URL that answered, which
 * differs from the request's after redirects.
 */
public record OutboundResponse(int status, Map<String, List<String>> headers, byte[] body, URI uri) {
    public OutboundResponse {
        headers = Map.copyOf(headers);
        body = body.clone();
    }

    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The body as UTF-8 text. */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    public boolean successful() {
        return status >= 200 && status < 300;
    }
}
