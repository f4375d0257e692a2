package org.civicast.platform.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.InetAddress;
import java.util.Locale;
import org.civicast.platform.config.Config;

/**
 * Plain HTTP never gets data: a browser asking for a page is sent to the HTTPS address, an API
 * client is told to use https://. The redirect goes only to an address the server vouches for (its
 * public base URL, or the local address the request arrived on when it was asked for by that
 * address or as localhost); a Host header naming anything else is answered with the error, so the
 * server cannot be made to send browsers to a host an attacker chose.
 */
final class PlainHttpRefusal {
    private final Config config;

    PlainHttpRefusal(Config config) {
        this.config = config;
    }

    RuntimeException refuse(Context ctx) {
        String accept = ctx.header("Accept");
        boolean browser = accept != null && accept.toLowerCase(Locale.ROOT).contains("text/html");
        if (browser && ctx.method() == HandlerType.GET && config.tlsMode() != Config.TlsMode.PROXY) {
            String base = base(ctx);
            if (base != null) {
                String query = ctx.queryString() == null ? "" : "?" + ctx.queryString();
                return new HttpsRedirect(base + ctx.path() + query);
            }
        }
        return new ApiException(ErrorCode.HTTPS_REQUIRED, "Civicast serves HTTPS only; repeat this request over https://");
    }

    private String base(Context ctx) {
        if (config.publicBaseUrl() != null) return config.publicBaseUrl().toString();
        String host = ctx.req().getServerName();
        String local = ctx.req().getLocalAddr();
        if (host == null || local == null) return null;
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!bare.equalsIgnoreCase("localhost") && !sameAddress(bare, local)) return null;
        String authority = local.contains(":") ? "[" + local + "]" : local;
        if (bare.equalsIgnoreCase("localhost")) authority = "localhost";
        return "https://" + authority + ":" + ctx.req().getLocalPort();
    }

    /** True when an IP literal names the same address; a host name never does (no DNS lookup here). */
    private static boolean sameAddress(String literal, String local) {
        if (!literal.matches("[0-9.]+") && !literal.contains(":")) return false;
        try {
            return InetAddress.getByName(literal).equals(InetAddress.getByName(local));
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    static final class HttpsRedirect extends RuntimeException {
        final String location;

        HttpsRedirect(String location) {
            super(null, null, false, false);
            this.location = location;
        }
    }
}
