package org.civicast.platform.outbound;

import java.io.Closeable;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A response whose body is read as it arrives, for files too large to hold in memory. The body
 * stream keeps the policy's size limit and deadline, and fails with an {@link OutboundException}
 * naming the reason. Closing it closes the connection.
 */
public final class OutboundStream implements Closeable {
    private final int status;
    private final Map<String, List<String>> headers;
    private final URI uri;
    private final InputStream body;
    private final Socket connection;

    OutboundStream(int status, Map<String, List<String>> headers, URI uri, InputStream body, Socket connection) {
        this.status = status;
        this.headers = Map.copyOf(headers);
        this.uri = uri;
        this.body = body;
        this.connection = connection;
    }

    public int status() {
        return status;
    }

    public Map<String, List<String>> headers() {
        return headers;
    }

    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The URL that answered: the request's, or the last redirect's. */
    public URI uri() {
        return uri;
    }

    public InputStream body() {
        return body;
    }

    public boolean successful() {
        return status >= 200 && status < 300;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (java.io.IOException ignored) {
            // nothing left to release
        }
    }
}
