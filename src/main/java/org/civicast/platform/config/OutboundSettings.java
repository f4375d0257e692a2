package org.civicast.platform.config;

import java.util.List;
import java.util.Set;
import org.civicast.platform.outbound.OutboundPolicy;

/**
 * What the server may reach when a client names a URL (a contact file, a media file, a webhook):
 * public https addresses, plus the hosts and address blocks an operator lists, and plain http only
 * where the operator allows it.
 *
 * @param allowedHosts    host names or literal addresses, as written in URLs, reached whatever they resolve to
 * @param allowedNetworks address blocks that a resolved address may fall in although private
 * @param allowHttp       plain http is permitted besides https
 */
public record OutboundSettings(Set<String> allowedHosts, List<Cidr> allowedNetworks, boolean allowHttp) {

    /** The policy for client-named URLs; callers narrow its limits (size, time) to their purpose. */
    public OutboundPolicy policy() {
        return OutboundPolicy.defaults()
                .withAllowedHosts(allowedHosts)
                .withAllowedNetworks(allowedNetworks)
                .withRequireHttps(!allowHttp);
    }

    /** Reads CIVICAST_OUTBOUND_ALLOWLIST: entries that parse as an address or CIDR block are blocks, others hosts. */
    static OutboundSettings parse(List<String> allowlist, boolean allowHttp) {
        Set<String> hosts = new java.util.LinkedHashSet<>();
        List<Cidr> networks = new java.util.ArrayList<>();
        for (String entry : allowlist) {
            if (entry.matches("[0-9A-Fa-f:.]+(/\\d{1,3})?") && (entry.contains(".") || entry.contains(":"))) {
                try {
                    networks.add(Cidr.parse(entry));
                    continue;
                } catch (IllegalArgumentException e) {
                    throw new ConfigException("CIVICAST_OUTBOUND_ALLOWLIST: " + e.getMessage());
                }
            }
            if (!entry.matches("[A-Za-z0-9.-]+")) {
                throw new ConfigException("CIVICAST_OUTBOUND_ALLOWLIST: '" + entry
                        + "' is neither a host name, an address nor a CIDR block");
            }
            hosts.add(entry);
        }
        return new OutboundSettings(Set.copyOf(hosts), List.copyOf(networks), allowHttp);
    }
}
