package org.civicast.platform.http.tls;

import static org.civicast.platform.http.tls.TlsTestSupport.certificate;
import static org.civicast.platform.http.tls.TlsTestSupport.clientTrusting;
import static org.civicast.platform.http.tls.TlsTestSupport.config;
import static org.civicast.platform.http.tls.TlsTestSupport.get;
import static org.civicast.platform.http.tls.TlsTestSupport.keyPair;
import static org.civicast.platform.http.tls.TlsTestSupport.port;
import static org.civicast.platform.http.tls.TlsTestSupport.rawHttp;
import static org.civicast.platform.http.tls.TlsTestSupport.start;
import static org.civicast.platform.http.tls.TlsTestSupport.writePem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.Javalin;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.jcajce.JcaPKCS8EncryptedPrivateKeyInfoBuilder;
import org.civicast.platform.config.Config;
import org.civicast.platform.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProvidedCertificatesTest {
    @TempDir Path dir;

    /** The three key encodings found in the wild, each served for real. */
    @ParameterizedTest
    @ValueSource(strings = {"EC PRIVATE KEY", "RSA PRIVATE KEY", "PRIVATE KEY"})
    void servesPemFiles(String keyBlock) throws Exception {
        KeyPair keys = keyPair(keyBlock.startsWith("RSA") ? "RSA" : "EC");
        X509Certificate certificate = certificate(keys, "localhost", null, null, false, "localhost", "127.0.0.1");
        Path cert = writePem(dir.resolve("cert.pem"), certificate);
        Path key = keyBlock.equals("PRIVATE KEY")
                ? writePem(dir.resolve("key.pem"), new JcaPKCS8Generator(keys.getPrivate(), null))
                : writePem(dir.resolve("key.pem"), keys.getPrivate());
        assertTrue(Files.readString(key).startsWith("-----BEGIN " + keyBlock + "-----"), Files.readString(key));

        Javalin app = start(pemConfig(cert, key));
        try (HttpClient client = clientTrusting(List.of(certificate))) {
            HttpResponse<String> response = get(client, "https://127.0.0.1:" + port(app) + "/x");
            assertEquals("true", response.body());
            assertTrue(rawHttp(port(app), "GET /x HTTP/1.1\r\nHost: localhost\r\n\r\n").endsWith("false"));
        } finally {
            app.stop();
        }
    }

    @Test
    void sendsTheWholeChainLeafFirstEvenFromACaFirstBundle() throws Exception {
        KeyPair caKeys = keyPair("EC");
        X509Certificate ca = certificate(caKeys, "Test CA", null, null, true);
        KeyPair leafKeys = keyPair("EC");
        X509Certificate leaf = certificate(leafKeys, "server", caKeys, ca, false, "localhost");
        // An "openssl ecparam -genkey" key file starts with an EC PARAMETERS block.
        Path key = dir.resolve("key.pem");
        Files.writeString(key, "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n");
        Files.writeString(key, Files.readString(writePem(dir.resolve("k"), leafKeys.getPrivate())),
                StandardOpenOption.APPEND);

        ServerCertificates loaded = ServerCertificates.load(pemConfig(writePem(dir.resolve("chain.pem"), ca, leaf), key));
        assertEquals(List.of(leaf, ca), loaded.chain());

        Javalin app = start(pemConfig(dir.resolve("chain.pem"), key));
        try (HttpClient client = clientTrusting(List.of(ca))) {
            assertEquals("true", get(client, "https://localhost:" + port(app) + "/x").body());
        } finally {
            app.stop();
        }
    }

    @Test
    void aBrokenCertificateFileIsAConfigErrorNamingItsVariable() throws Exception {
        KeyPair keys = keyPair("EC");
        Path key = writePem(dir.resolve("key.pem"), keys.getPrivate());
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "this is not a certificate\n");
        Path truncated = Files.writeString(dir.resolve("truncated.pem"),
                "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ!!!\n-----END CERTIFICATE-----\n");
        Path der = Files.write(dir.resolve("cert.der"),
                certificate(keys, "localhost", null, null, false).getEncoded());
        for (Path cert : List.of(garbage, truncated, der)) {
            ConfigException e = assertThrows(ConfigException.class, () -> ServerCertificates.load(pemConfig(cert, key)));
            assertTrue(e.getMessage().startsWith("CIVICAST_TLS_CERT_FILE: " + cert), e.getMessage());
        }
    }

    @Test
    void aBrokenOrForeignKeyFileIsAConfigErrorNamingItsVariable() throws Exception {
        KeyPair keys = keyPair("EC");
        Path cert = writePem(dir.resolve("cert.pem"), certificate(keys, "localhost", null, null, false));
        Path noKey = Files.writeString(dir.resolve("nokey.pem"), Files.readString(cert));
        Path otherKey = writePem(dir.resolve("other.pem"), keyPair("EC").getPrivate());
        Path rsaKey = writePem(dir.resolve("rsa.pem"), keyPair("RSA").getPrivate());
        OutputEncryptor encryptor = new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
                .setProvider(new BouncyCastleProvider()).setPassword("secret".toCharArray()).build();
        Path encrypted = writePem(dir.resolve("encrypted.pem"),
                new JcaPKCS8EncryptedPrivateKeyInfoBuilder(keys.getPrivate()).build(encryptor));
        for (Path key : List.of(noKey, otherKey, rsaKey, encrypted)) {
            ConfigException e = assertThrows(ConfigException.class, () -> ServerCertificates.load(pemConfig(cert, key)));
            assertTrue(e.getMessage().startsWith("CIVICAST_TLS_KEY_FILE: "), e.getMessage());
            assertTrue(e.getMessage().contains(key.toString()), e.getMessage());
        }
        ConfigException e = assertThrows(ConfigException.class, () -> ServerCertificates.load(pemConfig(cert, encrypted)));
        assertTrue(e.getMessage().contains("encrypted"), e.getMessage());
    }

    @Test
    void servesAPkcs12KeystoreWithItsPassword() throws Exception {
        KeyPair keys = keyPair("RSA");
        X509Certificate certificate = certificate(keys, "localhost", null, null, false, "localhost");
        Path p12 = pkcs12(keys, certificate, "s3cret");

        Javalin app = start(config(dir, "CIVICAST_TLS", "pkcs12", "CIVICAST_TLS_CERT_FILE", p12.toString(),
                "CIVICAST_TLS_KEYSTORE_PASSWORD", "s3cret"));
        try (HttpClient client = clientTrusting(List.of(certificate))) {
            HttpResponse<String> response = get(client, "https://localhost:" + port(app) + "/x");
            assertEquals("true", response.body());
            assertEquals(certificate, response.sslSession().orElseThrow().getPeerCertificates()[0]);
        } finally {
            app.stop();
        }
    }

    @Test
    void aPkcs12WithoutPasswordNeedsNone() throws Exception {
        KeyPair keys = keyPair("EC");
        X509Certificate certificate = certificate(keys, "localhost", null, null, false, "localhost");
        Path p12 = pkcs12(keys, certificate, "");
        Config config = config(dir, "CIVICAST_TLS", "pkcs12", "CIVICAST_TLS_CERT_FILE", p12.toString());
        assertEquals(certificate, ServerCertificates.load(config).certificate());
    }

    @Test
    void aWrongPkcs12PasswordOrFileIsAConfigError() throws Exception {
        KeyPair keys = keyPair("EC");
        Path p12 = pkcs12(keys, certificate(keys, "localhost", null, null, false), "right");
        ConfigException wrong = assertThrows(ConfigException.class, () -> ServerCertificates.load(config(dir,
                "CIVICAST_TLS", "pkcs12", "CIVICAST_TLS_CERT_FILE", p12.toString(),
                "CIVICAST_TLS_KEYSTORE_PASSWORD", "wrong")));
        assertTrue(wrong.getMessage().startsWith("CIVICAST_TLS_CERT_FILE: " + p12), wrong.getMessage());
        assertTrue(wrong.getMessage().contains("CIVICAST_TLS_KEYSTORE_PASSWORD"), wrong.getMessage());

        Path notP12 = Files.writeString(dir.resolve("not.p12"), "hello");
        ConfigException garbage = assertThrows(ConfigException.class, () -> ServerCertificates.load(config(dir,
                "CIVICAST_TLS", "pkcs12", "CIVICAST_TLS_CERT_FILE", notP12.toString())));
        assertTrue(garbage.getMessage().startsWith("CIVICAST_TLS_CERT_FILE: " + notP12), garbage.getMessage());

        KeyStore trustOnly = KeyStore.getInstance("PKCS12");
        trustOnly.load(null, null);
        trustOnly.setCertificateEntry("ca", certificate(keys, "ca", null, null, true));
        Path truststore = dir.resolve("trust.p12");
        try (OutputStream out = Files.newOutputStream(truststore)) {
            trustOnly.store(out, "pw".toCharArray());
        }
        ConfigException noKey = assertThrows(ConfigException.class, () -> ServerCertificates.load(config(dir,
                "CIVICAST_TLS", "pkcs12", "CIVICAST_TLS_CERT_FILE", truststore.toString(),
                "CIVICAST_TLS_KEYSTORE_PASSWORD", "pw")));
        assertTrue(noKey.getMessage().contains("no private key"), noKey.getMessage());
        assertFalse(Files.exists(dir.resolve("tls")), "PKCS12 mode must not create self-signed files");
    }

    private Config pemConfig(Path cert, Path key) {
        return config(dir, "CIVICAST_TLS", "pem", "CIVICAST_TLS_CERT_FILE", cert.toString(),
                "CIVICAST_TLS_KEY_FILE", key.toString());
    }

    private Path pkcs12(KeyPair keys, X509Certificate certificate, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", keys.getPrivate(), password.toCharArray(), new Certificate[] {certificate});
        Path file = dir.resolve("server-" + System.nanoTime() + ".p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
        return file;
    }
}
