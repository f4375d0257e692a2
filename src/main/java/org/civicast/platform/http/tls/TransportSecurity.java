package org.civicast.platform.http.tls;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.bouncycastle.util.IPAddress;
import org.civicast.platform.config.Cidr;
import org.civicast.platform.config.Config.TlsMode;
import org.civicast.platform.config.Config;

/**
 * Whether a request travelled over HTTPS, and who sent it.
 *
 * <p>Forwarding headers are believed only from a configured proxy: from anyone else they are just text
 * a client chose to send. Jetty's ForwardedRequestCustomizer is deliberately not used, since it would
 * rewrite {@code isSecure()} and the remote address from any peer's headers.
 */
public final class TransportSecurity {
    public enum Verdict { SECURE, INSECURE }

    private TransportSecurity() {}

    public static Verdict check(HttpServletRequest request, Config config) {
        if (config.tlsMode() != TlsMode.PROXY) {
            return request.isSecure() ? Verdict.SECURE : Verdict.INSECURE;
        }
        if (!trusted(peer(request), config)) {
            return Verdict.INSECURE;
        }
        // Each proxy in a chain appends; the last value is the one written by the proxy next to us.
        List<String> protos = split(values(request, "X-Forwarded-Proto"));
        String proto = protos.isEmpty() ? null : protos.get(protos.size() - 1);
        return "https".equalsIgnoreCase(proto) ? Verdict.SECURE : Verdict.INSECURE;
    }

    /**
     * The client's address. Behind trusted proxies, X-Forwarded-For is read from the right, skipping
     * addresses of trusted proxies: the first other address is the one our own proxies saw connect.
     * Anything further left was supplied by the client and could be forged.
     */
    public static String clientAddress(HttpServletRequest request, Config config) {
        return clientAddress(peer(request), values(request, "X-Forwarded-For"), config);
    }

    /** The same for a request seen only as its TCP peer and its X-Forwarded-For header values. */
    public static String clientAddress(String peer, List<String> forwardedHeaderValues, Config config) {
        if (config.tlsMode() != TlsMode.PROXY || !trusted(peer, config)) {
            return peer;
        }
        List<String> forwarded = split(forwardedHeaderValues);
        String nearest = peer;
        for (int i = forwarded.size() - 1; i >= 0; i--) {
            String address = ipLiteral(forwarded.get(i));
            if (address == null) {
                return nearest; // garbage: stop at the last address a trusted hop vouched for
            }
            if (!trusted(address, config)) {
                return address;
            }
            nearest = address;
        }
        return nearest;
    }

    private static String peer(HttpServletRequest request) {
        String address = request.getRemoteAddr();
        String literal = address == null ? null : ipLiteral(address);
        return literal != null ? literal : address;
    }

    private static boolean trusted(String address, Config config) {
        if (address == null || !IPAddress.isValid(address)) {
            return false; // also keeps Cidr.contains from resolving a name through DNS
        }
        for (Cidr proxy : config.trustedProxies()) {
            if (proxy.contains(address)) return true;
        }
        return false;
    }

    /** All comma-separated values of every occurrence of the header, in order, trimmed. */
    private static List<String> values(HttpServletRequest request, String header) {
        Enumeration<String> lines = request.getHeaders(header);
        return lines == null ? List.of() : Collections.list(lines);
    }

    /** Comma-separated header lines as one list of their non-blank values. */
    private static List<String> split(List<String> lines) {
        List<String> result = new ArrayList<>();
        for (String line : lines) {
            for (String value : line.split(",")) {
                if (!value.isBlank()) result.add(value.trim());
            }
        }
        return result;
    }

    /**
     * An IP address in canonical text form, or null. Accepts the spellings proxies produce: bare
     * IPv4/IPv6, "[v6]", "[v6]:port", "v4:port". Only literals are passed to InetAddress, so a
     * forged header can never make the server perform a DNS lookup.
     */
    static String ipLiteral(String text) {
        String value = text.trim();
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            if (close < 0) return null;
            value = value.substring(1, close);
        } else if (value.indexOf(':') == value.lastIndexOf(':') && value.indexOf(':') > 0) {
            value = value.substring(0, value.indexOf(':')); // v4:port (a v6 address has several colons)
        }
        if (!IPAddress.isValid(value)) return null;
        try {
            return InetAddress.getByName(value).getHostAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
