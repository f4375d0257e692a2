package org.civicast.platform.outbound;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.civicast.platform.outbound.OutboundException.Reason;

/**
 * The HTTP client for URLs that users or operators name (webhooks, delivery endpoints): it will not
 * be turned against this machine or the network it sits in.
 *
 * <p>Each request resolves the host once, refuses it unless every address is public (or the host
 * is allow-listed), and connects to that very address, so a name that resolves differently a
 * moment later (DNS rebinding) cannot slip past the check. The JDK's {@code HttpClient} looks
 * names up itself and cannot be told which address to use while keeping the name for TLS, so the
 * exchange is plain HTTP/1.1 over the JDK's sockets and TLS: one request per connection, bounded
 * in time and size, and redirects only when the policy allows, each target checked afresh.
 */
public final class Outbound {
    private final OutboundPolicy policy;
    private final Resolver resolver;

    public Outbound(OutboundPolicy policy) {
        this(policy, new SystemResolver());
    }

    public Outbound(OutboundPolicy policy, Resolver resolver) {
        this.policy = Objects.requireNonNull(policy);
        this.resolver = Objects.requireNonNull(resolver);
    }

    public OutboundPolicy policy() {
        return policy;
    }

    /** Sends the request and reads the whole response, at most the policy's size. */
    public OutboundResponse send(OutboundRequest request) throws OutboundException {
        try (OutboundStream response = open(request)) {
            byte[] body;
            try {
                body = response.body().readAllBytes();
            } catch (OutboundException e) {
                throw e;
            } catch (IOException e) {
                throw new OutboundException(Reason.BROKEN_RESPONSE, response.uri(), "the connection failed: " + e.getMessage(), e);
            }
            return new OutboundResponse(response.status(), response.headers(), body, response.uri());
        }
    }

    /**
     * Sends the request and answers once the response head has arrived, leaving the body to be
     * read as a stream: for files larger than memory should hold. The caller closes it.
     */
    public OutboundStream open(OutboundRequest request) throws OutboundException {
        OutboundRequest current = request;
        for (int redirects = 0; ; redirects++) {
            OutboundStream response = once(current);
            String location = response.header("location").orElse(null);
            if (!isRedirect(response.status()) || location == null || policy.maxRedirects() == 0) return response;
            response.close();
            if (redirects == policy.maxRedirects()) {
                throw new OutboundException(Reason.TOO_MANY_REDIRECTS, current.uri(), "more than "
                        + policy.maxRedirects() + " redirects from " + request.uri().getHost());
            }
            URI target;
            try {
                target = current.uri().resolve(location.trim());
            } catch (IllegalArgumentException e) {
                throw new OutboundException(Reason.BROKEN_RESPONSE, current.uri(), "a malformed redirect: " + location);
            }
            // 303, and 301/302 after a POST as browsers do, continue as GET; 307 and 308 repeat the request.
            boolean asGet = response.status() == 303
                    || (response.status() <= 302 && !current.method().equals("GET") && !current.method().equals("HEAD"));
            current = current.redirectedTo(target, asGet ? "GET" : current.method());
        }
    }

    private OutboundStream once(OutboundRequest request) throws OutboundException {
        URI uri = request.uri();
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new OutboundException(Reason.REFUSED_URL, uri, "not an absolute http(s) URL with a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new OutboundException(Reason.REFUSED_URL, uri, "credentials in the URL are not sent");
        }
        if (scheme.equals("http") && policy.requireHttps()) {
            throw new OutboundException(Reason.REFUSED_URL, uri, "plain http is refused; use https: " + redacted(uri));
        }
        InetAddress address = vetted(uri);
        return Http1Exchange.stream(request, address, policy);
    }

    /** The one address to connect to, after checking every address the host has. */
    private InetAddress vetted(URI uri) throws OutboundException {
        String host = OutboundPolicy.normalHost(uri.getHost());
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new OutboundException(Reason.UNRESOLVABLE, uri, host + " does not resolve", e);
        }
        if (addresses.isEmpty()) throw new OutboundException(Reason.UNRESOLVABLE, uri, host + " has no address");
        if (policy.allows(host)) return addresses.get(0);
        for (InetAddress address : addresses) {
            String refusal = Destinations.refusal(address);
            if (refusal != null && !policy.allows(address)) {
                throw new OutboundException(Reason.REFUSED_DESTINATION, uri, host + " resolves to "
                        + address.getHostAddress() + ", " + refusal + "; only public addresses are reached");
            }
        }
        return addresses.get(0);
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** The URL without its query, which may hold a key. */
    static String redacted(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }
}
