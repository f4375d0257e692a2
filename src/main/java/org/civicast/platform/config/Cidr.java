package org.civicast.platform.config;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An address block such as 10.0.0.0/8 or ::1/128; a bare address is a block of one. */
public record Cidr(byte[] network, int prefixLength) {

    public static Cidr parse(String text) {
        String[] parts = text.split("/", 2);
        if (!parts[0].matches("[0-9A-Fa-f:.]+")) {
            throw new IllegalArgumentException("not an IP address or CIDR block: '" + text + "'");
        }
        byte[] address;
        try {
            address = InetAddress.getByName(parts[0]).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address or CIDR block: '" + text + "'");
        }
        int max = address.length * 8;
        int prefix;
        try {
            prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : max;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad prefix length in '" + text + "'");
        }
        if (prefix < 0 || prefix > max) {
            throw new IllegalArgumentException("bad prefix length in '" + text + "'");
        }
        return new Cidr(address, prefix);
    }

    public boolean contains(String address) {
        try {
            return contains(InetAddress.getByName(address));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) return false;
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (candidate[i] != network[i]) return false;
        }
        int rest = prefixLength % 8;
        if (rest == 0) return true;
        int mask = 0xff << (8 - rest);
        return (candidate[full] & mask) == (network[full] & mask);
    }
}
