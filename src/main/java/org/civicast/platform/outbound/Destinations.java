package org.civicast.platform.outbound;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Which addresses a request to a URL someone typed must never reach: this machine, the private
 * networks around it, link-local services such as cloud metadata (169.254.169.254), multicast,
 * and ranges that are not routable on the internet. IPv6 forms that carry an IPv4 address
 * (mapped, compatible, NAT64, 6to4) are judged by that address.
 */
public final class Destinations {
    private Destinations() {}

    /** Why the address is refused, or null when it is a public unicast address. */
    public static String refusal(InetAddress address) {
        if (address instanceof Inet4Address v4) return refusal4(v4.getAddress());
        if (address instanceof Inet6Address v6) return refusal6(v6.getAddress());
        return "an unknown kind of address";
    }

    private static String refusal4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        if (a0 == 0) return "an unspecified address (0.0.0.0/8)";
        if (a0 == 10) return "a private address (10.0.0.0/8)";
        if (a0 == 100 && (a1 & 0xc0) == 64) return "a shared carrier-grade NAT address (100.64.0.0/10)";
        if (a0 == 127) return "a loopback address (127.0.0.0/8)";
        if (a0 == 169 && a1 == 254) return "a link-local address (169.254.0.0/16, where cloud metadata services live)";
        if (a0 == 172 && (a1 & 0xf0) == 16) return "a private address (172.16.0.0/12)";
        if (a0 == 192 && a1 == 0 && a2 == 0) return "an IETF protocol address (192.0.0.0/24)";
        if (a0 == 192 && a1 == 0 && a2 == 2) return "a documentation address (192.0.2.0/24)";
        if (a0 == 192 && a1 == 168) return "a private address (192.168.0.0/16)";
        if (a0 == 198 && (a1 & 0xfe) == 18) return "a benchmarking address (198.18.0.0/15)";
        if (a0 == 198 && a1 == 51 && a2 == 100) return "a documentation address (198.51.100.0/24)";
        if (a0 == 203 && a1 == 0 && a2 == 113) return "a documentation address (203.0.113.0/24)";
        if (a0 >= 224 && a0 < 240) return "a multicast address (224.0.0.0/4)";
        if (a0 >= 240) return "a reserved or broadcast address (240.0.0.0/4)";
        return null;
    }

    private static String refusal6(byte[] b) {
        boolean firstTenZero = true;
        for (int i = 0; i < 10; i++) firstTenZero &= b[i] == 0;
        if (firstTenZero && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) return embedded(b, 12, "IPv4-mapped");
        if (firstTenZero && b[10] == 0 && b[11] == 0) {
            boolean zeroTo14 = true;
            for (int i = 12; i < 15; i++) zeroTo14 &= b[i] == 0;
            if (zeroTo14 && b[15] == 0) return "the unspecified address (::)";
            if (zeroTo14 && b[15] == 1) return "the loopback address (::1)";
            return embedded(b, 12, "IPv4-compatible");
        }
        int w0 = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
        int w1 = ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        if (w0 == 0x0064 && w1 == 0xff9b) return embedded(b, 12, "NAT64");
        if (w0 == 0x2002) return embedded(b, 2, "6to4");
        if (w0 == 0x2001 && w1 == 0) return "a Teredo tunnel address (2001::/32)";
        if (w0 == 0x2001 && w1 == 0x0db8) return "a documentation address (2001:db8::/32)";
        if (w0 == 0x0100 && w1 == 0 && b[4] == 0 && b[5] == 0 && b[6] == 0 && b[7] == 0) {
            return "a discard-only address (100::/64)";
        }
        if ((b[0] & 0xfe) == 0xfc) return "a unique local (private) address (fc00::/7)";
        if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0x80) return "a link-local address (fe80::/10)";
        if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) return "a site-local address (fec0::/10)";
        if ((b[0] & 0xff) == 0xff) return "a multicast address (ff00::/8)";
        return null;
    }

    private static String embedded(byte[] b, int at, String form) {
        String inner = refusal4(new byte[] {b[at], b[at + 1], b[at + 2], b[at + 3]});
        return inner == null ? null : "the " + form + " form of " + inner;
    }
}
