package org.civicast.platform.http.tls;

import io.javalin.Javalin;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.math.BigInteger;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.IPAddress;
import org.civicast.platform.config.Config;
import org.eclipse.jetty.server.ServerConnector;

/** Real servers, real clients and throwaway certificates for the TLS tests. */
final class TlsTestSupport {
    private TlsTestSupport() {}

    static Config config(Path dataDir, String... extra) {
        Map<String, String> env = new HashMap<>();
        env.put("CIVICAST_DATA_DIR", dataDir.toString());
        env.put("CIVICAST_PORT", "0");
        // Loopback only: tests should not open a port on every interface of the machine.
        env.put("CIVICAST_BIND_ADDRESS", "127.0.0.1");
        for (int i = 0; i < extra.length; i += 2) env.put(extra[i], extra[i + 1]);
        return Config.load(env);
    }

    /** /x answers isSecure(); /transport answers the verdict and the client address. */
    static Javalin start(Config config) {
        return Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.jetty.addConnector((server, httpConfig) -> HttpsConnector.create(server, httpConfig, config));
            cfg.routes.get("/x", ctx -> ctx.result(String.valueOf(ctx.req().isSecure())));
            cfg.routes.get("/transport", ctx -> ctx.result(TransportSecurity.check(ctx.req(), config) + " "
                    + TransportSecurity.clientAddress(ctx.req(), config)));
        }).start();
    }

    static int port(Javalin app) {
        var connectors = app.jettyServer().server().getConnectors();
        if (connectors.length != 1) throw new AssertionError("expected one connector, got " + connectors.length);
        return ((ServerConnector) connectors[0]).getLocalPort();
    }

    static HttpClient clientTrusting(Path pemFile, String... protocols) throws Exception {
        try (InputStream in = Files.newInputStream(pemFile)) {
            List<X509Certificate> certificates = new ArrayList<>();
            for (var c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                certificates.add((X509Certificate) c);
            }
            return clientTrusting(certificates, protocols);
        }
    }

    static HttpClient clientTrusting(List<X509Certificate> anchors, String... protocols) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        for (int i = 0; i < anchors.size(); i++) trust.setCertificateEntry("anchor-" + i, anchors.get(i));
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        HttpClient.Builder builder = HttpClient.newBuilder()
                .sslContext(context)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10));
        if (protocols.length > 0) {
            SSLParameters parameters = context.getDefaultSSLParameters();
            parameters.setProtocols(protocols);
            builder.sslParameters(parameters);
        }
        return builder.build();
    }

    static HttpResponse<String> get(HttpClient client, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Sends bytes as typed and reads one response; returns status line, headers and body as text. */
    static String rawHttp(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            int headerEnd = -1;
            int contentLength = -1;
            byte[] buffer = new byte[4096];
            while (true) {
                if (headerEnd >= 0 && received.size() >= headerEnd + Math.max(contentLength, 0)) break;
                int n = in.read(buffer);
                if (n < 0) break;
                received.write(buffer, 0, n);
                String text = received.toString(StandardCharsets.ISO_8859_1);
                if (headerEnd < 0 && text.contains("\r\n\r\n")) {
                    headerEnd = text.indexOf("\r\n\r\n") + 4;
                    var matcher = Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(text);
                    contentLength = matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
                }
            }
            return received.toString(StandardCharsets.ISO_8859_1);
        }
    }

    /**
     * EC keys come from BouncyCastle's provider because the JDK's encode no curve inside the SEC1
     * structure, so a JDK key written as "EC PRIVATE KEY" is one OpenSSL itself cannot read; BC's
     * are what OpenSSL writes.
     */
    static KeyPair keyPair(String algorithm) throws Exception {
        KeyPairGenerator generator = algorithm.equals("EC")
                ? KeyPairGenerator.getInstance("EC", new BouncyCastleProvider())
                : KeyPairGenerator.getInstance(algorithm);
        generator.initialize(algorithm.equals("RSA") ? 2048 : 256);
        return generator.generateKeyPair();
    }

    /** A certificate for {@code subject}, signed by {@code issuerKeys} (self-signed when null). */
    static X509Certificate certificate(KeyPair subject, String commonName, KeyPair issuerKeys,
            X509Certificate issuer, boolean ca, String... names) throws Exception {
        KeyPair signerKeys = issuerKeys != null ? issuerKeys : subject;
        X500Name subjectName = new X500Name("CN=" + commonName);
        X500Name issuerName = issuer != null ? X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded())
                : subjectName;
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName,
                BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minusSeconds(3600)),
                Date.from(now.plus(Duration.ofDays(30))), subjectName, subject.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        if (names.length > 0) {
            GeneralName[] general = new GeneralName[names.length];
            for (int i = 0; i < names.length; i++) {
                general[i] = new GeneralName(IPAddress.isValid(names[i]) ? GeneralName.iPAddress
                        : GeneralName.dNSName, names[i]);
            }
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(general));
        }
        String algorithm = signerKeys.getPrivate().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        var signer = new JcaContentSignerBuilder(algorithm).build(signerKeys.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    /** Writes objects the way OpenSSL does: PKCS#1 for RSA key pairs' private keys, SEC1 for EC. */
    static Path writePem(Path file, Object... objects) throws IOException {
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
                JcaPEMWriter pem = new JcaPEMWriter(writer)) {
            for (Object object : objects) pem.writeObject(object);
        }
        return file;
    }
}
