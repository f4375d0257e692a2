package org.civicast.platform.outbound;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import org.civicast.platform.config.Cidr;

/**
 * What an {@link Outbound} client may do.
 *
 * @param requireHttps     refuse plain http URLs
 * @param allowedHosts     hosts, as written in URLs (names or IP literals, IPv6 without brackets),
 *                         that may be reached whatever they resolve to; for operators' own
 *                         endpoints on a private network or this machine. A name resolving to an
 *                         allow-listed address is not thereby allowed.
 * @param connectTimeout   the longest wait for a connection (and its TLS handshake)
 * @param timeout          the longest wait for the whole response once connected
 * @param maxResponseBytes the largest response body read
 * @param maxRedirects     redirects followed, each checked like the first URL; 0 returns 3xx answers as they are
 * @param tls              whom to trust over https (null: the JDK's default trust store)
 * @param allowedNetworks  address blocks that may be connected to although private (an on-premise
 *                         file server's network, a test's loopback); any name resolving into them passes
 */
public record OutboundPolicy(
        boolean requireHttps,
        Set<String> allowedHosts,
        Duration connectTimeout,
        Duration timeout,
        long maxResponseBytes,
        int maxRedirects,
        SSLContext tls,
        List<Cidr> allowedNetworks) {

    public OutboundPolicy {
        allowedHosts = allowedHosts == null ? Set.of()
                : allowedHosts.stream().map(OutboundPolicy::normalHost).collect(Collectors.toUnmodifiableSet());
        Objects.requireNonNull(connectTimeout);
        Objects.requireNonNull(timeout);
        if (connectTimeout.toMillis() < 1 || timeout.toMillis() < 1) throw new IllegalArgumentException("timeouts");
        if (maxResponseBytes < 0 || maxRedirects < 0) throw new IllegalArgumentException("limits");
        allowedNetworks = allowedNetworks == null ? List.of() : List.copyOf(allowedNetworks);
    }

    /** https only, public addresses only, 10 s to connect, 30 s to answer, 1 MiB, no redirects. */
    public static OutboundPolicy defaults() {
        return new OutboundPolicy(true, Set.of(), Duration.ofSeconds(10), Duration.ofSeconds(30), 1 << 20, 0, null, List.of());
    }

    /**
     * For one endpoint an operator configured: its host is allow-listed (it may be a local relay),
     * and plain http is allowed only where that endpoint itself is http on a loopback address.
     */
    public static OutboundPolicy forEndpoint(URI endpoint) {
        OutboundPolicy defaults = defaults();
        boolean plainLocal = "http".equalsIgnoreCase(endpoint.getScheme()) && isLoopbackName(endpoint.getHost());
        return new OutboundPolicy(!plainLocal, Set.of(endpoint.getHost()), defaults.connectTimeout,
                defaults.timeout, defaults.maxResponseBytes, 0, null, List.of());
    }

    public OutboundPolicy withAllowedHosts(Set<String> hosts) {
        return new OutboundPolicy(requireHttps, hosts, connectTimeout, timeout, maxResponseBytes, maxRedirects, tls, allowedNetworks);
    }

    public OutboundPolicy withRequireHttps(boolean value) {
        return new OutboundPolicy(value, allowedHosts, connectTimeout, timeout, maxResponseBytes, maxRedirects, tls, allowedNetworks);
    }

    public OutboundPolicy withTimeouts(Duration connect, Duration response) {
        return new OutboundPolicy(requireHttps, allowedHosts, connect, response, maxResponseBytes, maxRedirects, tls, allowedNetworks);
    }

    public OutboundPolicy withMaxResponseBytes(long value) {
        return new OutboundPolicy(requireHttps, allowedHosts, connectTimeout, timeout, value, maxRedirects, tls, allowedNetworks);
    }

    public OutboundPolicy withMaxRedirects(int value) {
        return new OutboundPolicy(requireHttps, allowedHosts, connectTimeout, timeout, maxResponseBytes, value, tls, allowedNetworks);
    }

    public OutboundPolicy withTls(SSLContext value) {
        return new OutboundPolicy(requireHttps, allowedHosts, connectTimeout, timeout, maxResponseBytes, maxRedirects, value, allowedNetworks);
    }

    public OutboundPolicy withAllowedNetworks(List<Cidr> networks) {
        return new OutboundPolicy(requireHttps, allowedHosts, connectTimeout, timeout, maxResponseBytes, maxRedirects, tls,
                networks);
    }

    boolean allows(String host) {
        return allowedHosts.contains(normalHost(host));
    }

    boolean allows(InetAddress address) {
        return allowedNetworks.stream().anyMatch(network -> network.contains(address));
    }

    static String normalHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) h = h.substring(1, h.length() - 1);
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    private static boolean isLoopbackName(String host) {
        if (host == null) return false;
        String h = normalHost(host);
        return h.equals("localhost") || h.equals("::1") || h.startsWith("127.");
    }
}
