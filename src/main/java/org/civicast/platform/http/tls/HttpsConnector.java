package org.civicast.platform.http.tls;

import org.civicast.platform.config.Config.TlsMode;
import org.civicast.platform.config.Config;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.DetectorConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The one listening socket of the server, for
 * {@code javalinConfig.jetty.addConnector((server, httpConfig) -> HttpsConnector.create(server, httpConfig, config))}.
 *
 * <p>In the TLS modes the port speaks HTTPS, but a connection whose first bytes are not a TLS
 * handshake is handed to the plain HTTP parser instead of being dropped: a client that typed
 * http:// then gets an HTTP answer the application can word (a JSON error naming https://), rather
 * than an opaque connection reset or a TLS alert printed as binary garbage.
 */
public final class HttpsConnector {
    private HttpsConnector() {}

    public static Connector create(Server server, HttpConfiguration httpConfig, Config config) {
        return create(server, httpConfig, config, prepare(config));
    }

    /** The listener, with TLS set up beforehand by {@link #prepare}. */
    public static Connector create(Server server, HttpConfiguration httpConfig, Config config, Prepared tls) {
        ServerConnector connector = tls.context == null
                ? new ServerConnector(server, new HttpConnectionFactory(httpConfig))
                : tlsConnector(server, httpConfig, tls.context);
        connector.setHost(config.bindAddress());
        connector.setPort(config.port());
        return connector;
    }

    /** The TLS settings of a listener, started; made apart from the listener so that a start can do it early. */
    public static final class Prepared {
        private final SslContextFactory.Server context; // null in PROXY mode: plain HTTP

        private Prepared(SslContextFactory.Server context) {
            this.context = context;
        }
    }

    /**
     * Loads (or creates) the certificate and builds the TLS context, the costly part of opening
     * the listener: it depends on the configuration alone, so a start runs it beside the database's.
     */
    public static Prepared prepare(Config config) {
        if (config.tlsMode() == TlsMode.PROXY) {
            return new Prepared(null);
        }
        SslContextFactory.Server tls = sslContextFactory(ServerCertificates.load(config));
        try {
            tls.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
        return new Prepared(tls);
    }

    private static SslContextFactory.Server sslContextFactory(ServerCertificates certificates) {
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStore(certificates.keyStore());
        tls.setKeyManagerPassword(new String(certificates.keyPassword()));
        tls.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        // Authenticated encryption only: TLS 1.3's suites all are; of TLS 1.2's, the CBC ones are not.
        tls.addExcludeCipherSuites(".*_CBC_.*");
        // A client that sends no SNI, or a name the certificate lacks, still gets the certificate: the
        // self-signed one cannot list every address the server is reached by.
        tls.setSniRequired(false);
        return tls;
    }

    private static ServerConnector tlsConnector(Server server, HttpConfiguration httpConfig,
                                                SslContextFactory.Server tls) {
        // A copy, because Javalin hands the same HttpConfiguration to every connector it builds.
        HttpConfiguration https = new HttpConfiguration(httpConfig);
        // Jetty 12 otherwise answers 400 "Invalid SNI" to every request whose TLS server name is
        // not in the certificate: routine for a self-signed certificate reached by a LAN name.
        https.addCustomizer(new SecureRequestCustomizer(false));

        HttpConnectionFactory http11 = new HttpConnectionFactory(https);
        SslConnectionFactory ssl = new SslConnectionFactory(tls, http11.getProtocol());
        // The detector tries TLS first; bytes that are not a TLS record fall through to the next
        // factory on the connector, the plain HTTP/1.1 one. The SSL factory is therefore not itself
        // listed on the connector (it would become the fall-through).
        DetectorConnectionFactory detector = new DetectorConnectionFactory(ssl);
        return new ServerConnector(server, detector, http11);
    }
}
