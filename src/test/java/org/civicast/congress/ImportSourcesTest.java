package org.civicast.congress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.civicast.platform.db.Database;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Fetching import files over https: a real TLS server on loopback, with a certificate made here. */
class ImportSourcesTest {
    static HttpsServer server;
    static SSLContext clientTls;
    static byte[] zccd;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("EC").generateKeyPair();
        X500Name name = new X500Name("CN=localhost");
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                name, BigInteger.ONE, Date.from(Instant.now().minusSeconds(60)), Date.from(Instant.now().plusSeconds(3600)),
                name, keys.getPublic())
                .addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.dNSName, "localhost")))
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", keys.getPrivate(), new char[0], new X509Certificate[] {cert});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, new char[0]);
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(kmf.getKeyManagers(), null, null);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        clientTls = SSLContext.getInstance("TLS");
        clientTls.init(null, tmf.getTrustManagers(), null);

        zccd = Files.readAllBytes(CongressFixtures.ZCCD);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
        int port = server.getAddress().getPort();
        base = "https://localhost:" + port;
        server.createContext("/data/zccd.csv", ex -> send(ex, 200, zccd));
        server.createContext("/latest", ex -> redirect(ex, base + "/data/zccd.csv"));
        server.createContext("/to-plain-http", ex -> redirect(ex, "http://localhost:" + port + "/data/zccd.csv"));
        server.createContext("/loop", ex -> redirect(ex, "/loop"));
        server.createContext("/missing", ex -> send(ex, 404, new byte[0]));
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private static void redirect(HttpExchange ex, String location) throws IOException {
        ex.getResponseHeaders().add("Location", location);
        ex.sendResponseHeaders(302, -1);
        ex.close();
    }

    private static ImportSources sources(long maxBytes) {
        return new ImportSources(clientTls, maxBytes);
    }

    @Test
    void fetchesAFileAndFollowsHttpsRedirects() {
        ImportSources.Document d = sources(ImportSources.DEFAULT_MAX_BYTES).read(base + "/latest");
        assertEquals("zccd.csv", d.name());
        assertArrayEquals(zccd, d.bytes());
    }

    @Test
    void refusesPlainHttpWhetherAskedOrRedirectedTo() {
        ImportSources s = sources(ImportSources.DEFAULT_MAX_BYTES);
        ImportException asked = assertThrows(ImportException.class, () -> s.read("http://localhost/zccd.csv"));
        assertEquals("http://localhost/zccd.csv: only https URLs are fetched", asked.getMessage());
        ImportException redirected = assertThrows(ImportException.class, () -> s.read(base + "/to-plain-http"));
        assertTrue(redirected.getMessage().contains("only https URLs are fetched (redirected to http://"), redirected.getMessage());
    }

    @Test
    void refusesOversizedFilesEndlessRedirectsAndErrors() {
        ImportException big = assertThrows(ImportException.class, () -> sources(1000).read(base + "/data/zccd.csv"));
        assertEquals(base + "/data/zccd.csv: larger than 1000 bytes", big.getMessage());
        ImportSources s = sources(ImportSources.DEFAULT_MAX_BYTES);
        assertTrue(assertThrows(ImportException.class, () -> s.read(base + "/loop")).getMessage().endsWith("more than 5 redirects"));
        assertEquals(base + "/missing: HTTP 404 from localhost",
                assertThrows(ImportException.class, () -> s.read(base + "/missing")).getMessage());
        assertTrue(assertThrows(ImportException.class, () -> s.read("https://localhost:1/zccd.csv")).getMessage()
                .startsWith("https://localhost:1/zccd.csv: cannot fetch"));
    }

    @Test
    void anImportFromAUrlRecordsTheUrl() {
        Database db = CongressFixtures.database();
        try {
            CongressService congress = new CongressService(db, Clock.systemUTC(), Duration.ofSeconds(30),
                    sources(ImportSources.DEFAULT_MAX_BYTES));
            ImportResult result = congress.importDistricts(base + "/latest");
            assertEquals(42033, result.rows());
            assertEquals(base + "/latest", congress.status().getFirst().source());
            assertEquals(List.of(new District("AL", 2)), congress.lookup("36104").districts());
        } finally {
            db.close();
        }
    }
}
