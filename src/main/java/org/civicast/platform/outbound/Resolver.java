package org.civicast.platform.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Turns a host name into addresses; a seam so tests can make a name point anywhere. */
public interface Resolver {
    List<InetAddress> resolve(String host) throws UnknownHostException;
}
