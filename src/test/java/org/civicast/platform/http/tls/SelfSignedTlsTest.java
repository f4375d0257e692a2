package org.civicast.platform.http.tls;

import static org.civicast.platform.http.tls.TlsTestSupport.clientTrusting;
import static org.civicast.platform.http.tls.TlsTestSupport.config;
import static org.civicast.platform.http.tls.TlsTestSupport.get;
import static org.civicast.platform.http.tls.TlsTestSupport.port;
import static org.civicast.platform.http.tls.TlsTestSupport.rawHttp;
import static org.civicast.platform.http.tls.TlsTestSupport.start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.javalin.Javalin;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.civicast.platform.config.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelfSignedTlsTest {
    @TempDir Path dataDir;

    @Test
    void servesHttpsThatClientsTrustingThePublishedCertificateAccept() throws Exception {
        Config config = config(dataDir);
        Javalin app = start(config);
        try (HttpClient client = clientTrusting(ServerCertificates.selfSignedCertificatePem(dataDir))) {
            int port = port(app);
            for (String host : List.of("localhost", "127.0.0.1")) {
                HttpResponse<String> response = get(client, "https://" + host + ":" + port + "/x");
                assertEquals(200, response.statusCode(), host);
                assertEquals("true", response.body(), host);
                assertEquals(fingerprint(ServerCertificates.selfSignedCertificatePem(dataDir)),
                        ServerCertificates.fingerprint(
                                (X509Certificate) response.sslSession().orElseThrow().getPeerCertificates()[0]));
            }
        } finally {
            app.stop();
        }
    }

    @Test
    void acceptsTls12AndTls13() throws Exception {
        Javalin app = start(config(dataDir));
        try {
            for (String protocol : List.of("TLSv1.2", "TLSv1.3")) {
                try (HttpClient client = clientTrusting(ServerCertificates.selfSignedCertificatePem(dataDir), protocol)) {
                    HttpResponse<String> response = get(client, "https://localhost:" + port(app) + "/x");
                    assertEquals(protocol, response.sslSession().orElseThrow().getProtocol());
                }
            }
        } finally {
            app.stop();
        }
    }

    @Test
    void plainHttpOnTheSamePortIsAnsweredAsHttp() throws Exception {
        Javalin app = start(config(dataDir));
        try {
            String response = rawHttp(port(app), "GET /x HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertTrue(response.startsWith("HTTP/1.1 200"), response);
            assertTrue(response.endsWith("\r\n\r\nfalse"), response);
        } finally {
            app.stop();
        }
    }

    @Test
    void aRestartReusesTheSameCertificate() throws Exception {
        Config config = config(dataDir);
        Javalin first = start(config);
        String before;
        try (HttpClient client = clientTrusting(ServerCertificates.selfSignedCertificatePem(dataDir))) {
            before = presentedFingerprint(get(client, "https://localhost:" + port(first) + "/x"));
        } finally {
            first.stop();
        }
        Javalin second = start(config);
        try (HttpClient client = clientTrusting(ServerCertificates.selfSignedCertificatePem(dataDir))) {
            assertEquals(before, presentedFingerprint(get(client, "https://localhost:" + port(second) + "/x")));
        } finally {
            second.stop();
        }
    }

    @Test
    void certificateNamesLoopbackAndThePublicHostAndIsValidForFiveYears() throws Exception {
        ServerCertificates certificates = ServerCertificates.load(
                config(dataDir, "CIVICAST_PUBLIC_BASE_URL", "https://civicast.example.org:8443"));
        X509Certificate certificate = certificates.certificate();
        Set<String> names = new TreeSet<>();
        for (List<?> name : certificate.getSubjectAlternativeNames()) names.add(String.valueOf(name.get(1)));
        assertEquals(Set.of("localhost", "127.0.0.1", "0:0:0:0:0:0:0:1", "civicast.example.org"), names);
        assertEquals("CN=localhost", certificate.getSubjectX500Principal().getName());
        assertEquals(-1, certificate.getBasicConstraints()); // a leaf, as browsers require
        long days = Duration.between(certificate.getNotBefore().toInstant(),
                certificate.getNotAfter().toInstant()).toDays();
        assertTrue(days >= 5 * 365 && days <= 5 * 366, "validity " + days + " days");
        assertEquals(certificates.sha256Fingerprint(), fingerprint(ServerCertificates.selfSignedCertificatePem(dataDir)));
    }

    @Test
    void anIpPublicHostBecomesAnIpName() throws Exception {
        X509Certificate certificate = ServerCertificates.load(
                config(dataDir, "CIVICAST_PUBLIC_BASE_URL", "https://192.0.2.7")).certificate();
        boolean found = false;
        for (List<?> name : certificate.getSubjectAlternativeNames()) {
            found |= name.get(0).equals(7) && name.get(1).equals("192.0.2.7");
        }
        assertTrue(found, certificate.getSubjectAlternativeNames().toString());
    }

    @Test
    void secretsAreReadableByTheOwnerOnly() throws Exception {
        ServerCertificates.load(config(dataDir));
        Path tls = dataDir.resolve("tls");
        assumeTrue(tls.getFileSystem().supportedFileAttributeViews().contains("posix"),
                "file permissions are POSIX-only");
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(tls.resolve("self-signed.p12"))));
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(tls.resolve("self-signed.password"))));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(ServerCertificates.selfSignedCertificatePem(dataDir))));
        try (var files = Files.list(tls)) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().startsWith(".tmp-")).toList());
        }
    }

    @Test
    void theKeystoreLoadsQuicklyAndOneWithTheJdkDefaultsIsRewrittenWithTheSameKey() throws Exception {
        String fingerprint = ServerCertificates.load(config(dataDir)).sha256Fingerprint();
        Path p12 = dataDir.resolve("tls/self-signed.p12");
        assertEquals(1, SelfSignedCertificate.macRounds(Files.readAllBytes(p12)));

        // As earlier versions wrote it: the JDK's default protection, 10,000 rounds.
        char[] password = Files.readString(dataDir.resolve("tls/self-signed.password")).trim().toCharArray();
        KeyStore light = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(p12)) {
            light.load(in, password);
        }
        KeyStore heavy = KeyStore.getInstance("PKCS12");
        heavy.load(null, null);
        heavy.setKeyEntry("civicast", light.getKey("civicast", password), password,
                light.getCertificateChain("civicast"));
        try (var out = Files.newOutputStream(p12)) {
            heavy.store(out, password);
        }
        assertEquals(10_000, SelfSignedCertificate.macRounds(Files.readAllBytes(p12)));

        assertEquals(fingerprint, ServerCertificates.load(config(dataDir)).sha256Fingerprint());
        assertEquals(1, SelfSignedCertificate.macRounds(Files.readAllBytes(p12)));
        assertEquals(fingerprint, ServerCertificates.load(config(dataDir)).sha256Fingerprint());
        assertEquals(null, System.getProperty("keystore.pkcs12.macIterationCount"), "the JVM's settings are as before");
    }

    @Test
    void aDeletedOrAlteredPublicCertificateIsWrittenAgain() throws Exception {
        String fingerprint = ServerCertificates.load(config(dataDir)).sha256Fingerprint();
        Path pem = ServerCertificates.selfSignedCertificatePem(dataDir);
        Files.delete(pem);
        assertEquals(fingerprint, ServerCertificates.load(config(dataDir)).sha256Fingerprint());
        assertEquals(fingerprint, fingerprint(pem));
        Files.writeString(pem, "stale");
        ServerCertificates.load(config(dataDir));
        assertEquals(fingerprint, fingerprint(pem));
    }

    @Test
    void threadsStartingAtOnceOnANewDataDirShareOneCertificate() throws Exception {
        Config config = config(dataDir);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> ServerCertificates.load(config).sha256Fingerprint()));
            }
            Set<String> fingerprints = new TreeSet<>();
            for (Future<String> result : results) fingerprints.add(result.get(30, TimeUnit.SECONDS));
            assertEquals(1, fingerprints.size(), fingerprints.toString());
        } finally {
            pool.shutdownNow();
        }
    }

    /** File locks only exclude other processes, so this is the case the lock file exists for. */
    @Test
    void processesStartingAtOnceOnANewDataDirShareOneCertificate() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            processes.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    LoadInAnotherProcess.class.getName(), dataDir.toString())
                    .redirectErrorStream(true)
                    .start());
        }
        Set<String> fingerprints = new TreeSet<>();
        for (Process process : processes) {
            List<String> output;
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
                output = reader.lines().toList();
            }
            assertTrue(process.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, process.exitValue(), String.join("\n", output));
            fingerprints.add(output.stream().filter(l -> l.startsWith("FINGERPRINT ")).findFirst().orElseThrow());
        }
        assertEquals(1, fingerprints.size(), fingerprints.toString());
        assertEquals("FINGERPRINT " + fingerprint(ServerCertificates.selfSignedCertificatePem(dataDir)),
                fingerprints.iterator().next());
    }

    /** Run by {@link #processesStartingAtOnceOnANewDataDirShareOneCertificate}. */
    static final class LoadInAnotherProcess {
        public static void main(String[] args) {
            Config config = Config.load(Map.of("CIVICAST_DATA_DIR", args[0], "CIVICAST_PORT", "0"));
            System.out.println("FINGERPRINT " + ServerCertificates.load(config).sha256Fingerprint());
        }
    }

    private static String presentedFingerprint(HttpResponse<?> response) throws Exception {
        return ServerCertificates.fingerprint(
                (X509Certificate) response.sslSession().orElseThrow().getPeerCertificates()[0]);
    }

    static String fingerprint(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return ServerCertificates.fingerprint(
                    (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
    }
}
