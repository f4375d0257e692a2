package org.civicast.platform.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** The JVM's resolver (the operating system's, through the JVM's cache). */
public final class SystemResolver implements Resolver {
    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        return List.of(InetAddress.getAllByName(host));
    }
}
