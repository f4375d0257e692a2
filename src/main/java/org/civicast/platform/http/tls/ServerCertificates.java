package org.civicast.platform.http.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.spec.PBEParameterSpec;
import org.civicast.platform.config.Config;
import org.civicast.platform.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's private key and certificate chain, from wherever {@code CIVICAST_TLS} says: a
 * self-signed certificate kept in the data directory, PEM files, or a PKCS#12 keystore.
 *
 * <p>Whatever the source, the result is a fresh in-memory keystore holding only key entries, under a
 * random password that never leaves the process. Jetty then sees one shape of input, and a keystore
 * file that also holds trusted CA entries cannot confuse its certificate selection.
 */
public final class ServerCertificates {
    private static final Logger LOG = LoggerFactory.getLogger(ServerCertificates.class);
    static final SecureRandom RANDOM = new SecureRandom();

    private final KeyStore keyStore;
    private final char[] keyPassword;
    private final List<X509Certificate> chain;

    private ServerCertificates(KeyStore keyStore, char[] keyPassword, List<X509Certificate> chain) {
        this.keyStore = keyStore;
        this.keyPassword = keyPassword;
        this.chain = List.copyOf(chain);
    }

    /** Loads (or, for self-signed, creates on first start) the key and certificate; never for PROXY. */
    public static ServerCertificates load(Config config) {
        ServerCertificates result = switch (config.tlsMode()) {
            case SELF_SIGNED -> SelfSignedCertificate.loadOrCreate(config.dataDir(), config.publicBaseUrl());
            case PEM -> PemFiles.read(config.tlsCertFile(), config.tlsKeyFile());
            case PKCS12 -> readPkcs12(config.tlsCertFile(), config.tlsKeystorePassword());
            case PROXY -> throw new IllegalStateException("CIVICAST_TLS=proxy: TLS is terminated by the proxy");
        };
        X509Certificate leaf = result.certificate();
        Date now = new Date();
        if (now.after(leaf.getNotAfter()) || now.before(leaf.getNotBefore())) {
            // Not fatal: an operator renewing certificates should be able to start the server anyway.
            LOG.warn("The TLS certificate {} is valid only from {} to {}; clients will refuse it",
                    leaf.getSubjectX500Principal().getName(), leaf.getNotBefore(), leaf.getNotAfter());
        }
        return result;
    }

    /** Where the self-signed certificate is published for clients to trust (curl --cacert etc.). */
    public static Path selfSignedCertificatePem(Path dataDir) {
        return SelfSignedCertificate.directory(dataDir).resolve(SelfSignedCertificate.PEM_FILE);
    }

    /** In-memory keystore with the server key entries, protected by {@link #keyPassword()}. */
    public KeyStore keyStore() {
        return keyStore;
    }

    public char[] keyPassword() {
        return keyPassword.clone();
    }

    /** The certificate presented to clients (the first entry's leaf). */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    public List<X509Certificate> chain() {
        return chain;
    }

    /** SHA-256 of the leaf certificate, as hex; what clients pinning the certificate compare. */
    public String sha256Fingerprint() {
        return fingerprint(certificate());
    }

    public static String fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static ServerCertificates of(PrivateKey key, List<X509Certificate> chain) {
        return fromEntries(List.of(new KeyStore.PrivateKeyEntry(key, chain.toArray(new Certificate[0]))));
    }

    static ServerCertificates fromEntries(List<KeyStore.PrivateKeyEntry> entries) {
        try {
            char[] password = randomPassword().toCharArray();
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int index = 0;
            // Never written anywhere: one key-derivation round instead of the default 10,000, each of
            // which the TLS set-up would otherwise pay on every start, for nothing.
            byte[] salt = new byte[16];
            RANDOM.nextBytes(salt);
            KeyStore.PasswordProtection protection = new KeyStore.PasswordProtection(password,
                    "PBEWithHmacSHA256AndAES_256", new PBEParameterSpec(salt, 1));
            for (KeyStore.PrivateKeyEntry entry : entries) {
                store.setEntry("server-" + index++, entry, protection);
            }
            List<X509Certificate> chain = Arrays.stream(entries.get(0).getCertificateChain())
                    .map(X509Certificate.class::cast)
                    .toList();
            return new ServerCertificates(store, password, chain);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the in-memory TLS keystore", e);
        }
    }

    static String randomPassword() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static ServerCertificates readPkcs12(Path file, String configuredPassword) {
        char[] password = configuredPassword == null ? new char[0] : configuredPassword.toCharArray();
        String prefix = "CIVICAST_TLS_CERT_FILE: " + file;
        KeyStore store;
        try (InputStream in = Files.newInputStream(file)) {
            store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new ConfigException(prefix + " cannot be opened with CIVICAST_TLS_KEYSTORE_PASSWORD"
                        + (configuredPassword == null ? " (not set)" : "") + ": wrong password");
            }
            throw new ConfigException(prefix + " is not a readable PKCS#12 keystore: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new ConfigException(prefix + " is not a readable PKCS#12 keystore: " + e.getMessage());
        }
        List<KeyStore.PrivateKeyEntry> entries = new ArrayList<>();
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (!store.isKeyEntry(alias)) continue;
                Key key;
                try {
                    key = store.getKey(alias, password);
                } catch (UnrecoverableKeyException e) {
                    throw new ConfigException(prefix + ": the key '" + alias
                            + "' has a password different from CIVICAST_TLS_KEYSTORE_PASSWORD");
                }
                Certificate[] certificates = store.getCertificateChain(alias);
                if (!(key instanceof PrivateKey privateKey) || certificates == null || certificates.length == 0) {
                    continue;
                }
                for (Certificate certificate : certificates) {
                    if (!(certificate instanceof X509Certificate)) {
                        throw new ConfigException(prefix + ": the chain of '" + alias + "' is not X.509");
                    }
                }
                entries.add(new KeyStore.PrivateKeyEntry(privateKey, certificates));
            }
        } catch (GeneralSecurityException e) {
            throw new ConfigException(prefix + ": cannot read its entries: " + e.getMessage());
        }
        if (entries.isEmpty()) {
            throw new ConfigException(prefix + " holds no private key with a certificate"
                    + " (a keystore with only certificates is a truststore, not a server identity)");
        }
        return fromEntries(entries);
    }
}
