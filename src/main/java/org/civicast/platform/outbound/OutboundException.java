package org.civicast.platform.outbound;

import java.io.IOException;
import java.net.URI;

/** Why an outbound request did not produce a response. */
public final class OutboundException extends IOException {
    public enum Reason {
        /** The URL is not one this client may call: not http(s), no host, or plain http where https is required. */
        REFUSED_URL(false),
        /** The host resolves to an address that is not public (loopback, private, link-local, …) and is not allow-listed. */
        REFUSED_DESTINATION(false),
        /** The name does not resolve. */
        UNRESOLVABLE(true),
        /** No connection could be made to any of the host's addresses. */
        CONNECT_FAILED(true),
        /** The TLS handshake failed: an untrusted certificate, a name mismatch, no common protocol. */
        TLS_FAILED(true),
        /** The connection or the response took longer than allowed. */
        TIMEOUT(true),
        /** The response is larger than allowed. */
        TOO_LARGE(false),
        /** The response is not well-formed HTTP/1.1, or the connection broke during it. */
        BROKEN_RESPONSE(true),
        /** Redirects went on past the allowed number. */
        TOO_MANY_REDIRECTS(false);

        private final boolean temporary;

        Reason(boolean temporary) {
            this.temporary = temporary;
        }

        /** Whether trying again later may succeed without anyone changing anything. */
        public boolean temporary() {
            return temporary;
        }
    }

    private final Reason reason;
    private final URI uri;

    public OutboundException(Reason reason, URI uri, String message) {
        this(reason, uri, message, null);
    }

    public OutboundException(Reason reason, URI uri, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.uri = uri;
    }

    public Reason reason() {
        return reason;
    }

    /** The URL that failed: the request's, or a redirect's target. */
    public URI uri() {
        return uri;
    }

    public boolean temporary() {
        return reason.temporary();
    }
}
