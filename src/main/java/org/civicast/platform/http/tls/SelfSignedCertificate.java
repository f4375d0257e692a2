package org.civicast.platform.http.tls;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.IPAddress;
import org.civicast.platform.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CIVICAST_TLS=self-signed identity: generated on the first start, then reused from
 * {@code DATA_DIR/tls/} so that clients that trusted it keep trusting it across restarts.
 *
 * <p>Three files belong together (keystore, its password, the public certificate), so a single atomic
 * rename cannot publish them. Instead creation runs under an exclusive lock on {@code tls/.lock}
 * (serialising processes sharing the data directory) and every file is written to a temporary name and
 * renamed into place, keystore last: a keystore that exists is therefore complete and has its password
 * beside it, even after a crash mid-way. Whoever takes the lock second finds the keystore and uses it.
 */
final class SelfSignedCertificate {
    private static final Logger LOG = LoggerFactory.getLogger(SelfSignedCertificate.class);

    static final String KEYSTORE_FILE = "self-signed.p12";
    static final String PASSWORD_FILE = "self-signed.password";
    static final String PEM_FILE = "self-signed.crt";
    private static final String LOCK_FILE = ".lock";
    private static final String ALIAS = "civicast";
    private static final Duration VALIDITY = Duration.ofDays(5 * 365 + 1);
    private static final Map<String, String> LIGHT_PKCS12 = Map.of(
            "keystore.pkcs12.certPbeIterationCount", "1",
            "keystore.pkcs12.keyPbeIterationCount", "1",
            "keystore.pkcs12.macIterationCount", "1");
    private static final Object PKCS12_PROPERTIES = new Object();

    /** File locks are per process: threads of one JVM must be serialised separately. */
    private static final Object JVM_LOCK = new Object();

    private SelfSignedCertificate() {}

    static Path directory(Path dataDir) {
        return dataDir.resolve("tls");
    }

    @SuppressWarnings("try") // the lock is held for the block's duration, never referenced
    static ServerCertificates loadOrCreate(Path dataDir, URI publicBaseUrl) {
        Path dir = directory(dataDir);
        try {
            Files.createDirectories(dir);
            synchronized (JVM_LOCK) {
                try (FileChannel channel = FileChannel.open(dir.resolve(LOCK_FILE),
                                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                        FileLock lock = lock(channel, dir)) {
                    if (!Files.exists(dir.resolve(KEYSTORE_FILE))) {
                        create(dir, publicBaseUrl);
                    }
                    return read(dir, publicBaseUrl);
                }
            }
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new ConfigException("CIVICAST_DATA_DIR: cannot create or read the self-signed TLS certificate in "
                    + dir + " (" + e + "); if the files there are damaged, delete them to generate a new one");
        }
    }

    private static FileLock lock(FileChannel channel, Path dir) {
        try {
            return channel.lock();
        } catch (IOException e) {
            // Some network filesystems refuse locks; a simultaneous first start there is unlikely
            // enough that refusing to start would be the worse outcome.
            LOG.warn("Cannot lock {} ({}); continuing without protection against a concurrent first start",
                    dir.resolve(LOCK_FILE), e.toString());
            return null;
        }
    }

    private static ServerCertificates read(Path dir, URI publicBaseUrl) throws IOException, GeneralSecurityException {
        Path passwordFile = dir.resolve(PASSWORD_FILE);
        if (!Files.exists(passwordFile)) {
            throw new ConfigException("CIVICAST_DATA_DIR: " + dir.resolve(KEYSTORE_FILE) + " exists but "
                    + passwordFile + " is missing; delete " + dir + " to generate a new certificate");
        }
        char[] password = Files.readString(passwordFile, StandardCharsets.US_ASCII).trim().toCharArray();
        byte[] keystoreBytes = Files.readAllBytes(dir.resolve(KEYSTORE_FILE));
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = new ByteArrayInputStream(keystoreBytes)) {
            store.load(in, password);
        }
        KeyStore.PrivateKeyEntry entry = (KeyStore.PrivateKeyEntry)
                store.getEntry(ALIAS, new KeyStore.PasswordProtection(password));
        if (entry == null) {
            throw new ConfigException("CIVICAST_DATA_DIR: " + dir.resolve(KEYSTORE_FILE) + " has no entry '"
                    + ALIAS + "'; delete " + dir + " to generate a new certificate");
        }
        if (macRounds(keystoreBytes) > 1) {
            // Written by an earlier version with the JDK's default protection: same key, lighter file.
            publish(dir, dir.resolve(KEYSTORE_FILE), pkcs12(entry.getPrivateKey(), entry.getCertificateChain(),
                    password), true);
            LOG.info("Rewrote {} with one key-derivation round (its password is beside it), so it loads quickly",
                    dir.resolve(KEYSTORE_FILE));
        }
        X509Certificate certificate = (X509Certificate) entry.getCertificate();
        Path pem = dir.resolve(PEM_FILE);
        byte[] published = pem(certificate);
        // Deleted or edited by hand: clients must always find the certificate actually served.
        if (!Files.exists(pem) || !Arrays.equals(Files.readAllBytes(pem), published)) {
            publish(dir, pem, published, false);
        }
        String host = extraHost(publicBaseUrl);
        if (host != null && !names(certificate).contains(host)) {
            LOG.warn("The self-signed certificate in {} does not name {} (CIVICAST_PUBLIC_BASE_URL);"
                    + " delete that directory to generate one that does", dir, host);
        }
        return ServerCertificates.fromEntries(List.of(entry));
    }

    private static void create(Path dir, URI publicBaseUrl)
            throws IOException, GeneralSecurityException, OperatorCreationException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), ServerCertificates.RANDOM);
        KeyPair keyPair = generator.generateKeyPair();
        X509Certificate certificate = certificate(keyPair, publicBaseUrl);

        String password = ServerCertificates.randomPassword();
        byte[] keystoreBytes = pkcs12(keyPair.getPrivate(), new Certificate[] {certificate}, password.toCharArray());

        publish(dir, dir.resolve(PEM_FILE), pem(certificate), false);
        publish(dir, dir.resolve(PASSWORD_FILE), password.getBytes(StandardCharsets.US_ASCII), true);
        publish(dir, dir.resolve(KEYSTORE_FILE), keystoreBytes, true);
        LOG.info("Generated a self-signed TLS certificate for {}; clients can trust {} (SHA-256 {})",
                names(certificate), dir.resolve(PEM_FILE), ServerCertificates.fingerprint(certificate));
    }

    /**
     * The keystore file. Its password is kept beside it (mode 600, like the keystore), so PKCS#12's
     * password-based protection, 10,000 key-derivation rounds by default for each of the MAC, the
     * certificate and the key, protects nothing here and costs most of a start's TLS set-up. The
     * JDK takes these counts from system properties only (keystore.pkcs12.*IterationCount, read
     * when an entry is set and when the store is written), so they are set for that moment.
     */
    static byte[] pkcs12(PrivateKey key, Certificate[] chain, char[] password)
            throws IOException, GeneralSecurityException {
        synchronized (PKCS12_PROPERTIES) {
            Map<String, String> previous = new HashMap<>();
            LIGHT_PKCS12.forEach((name, value) -> previous.put(name, System.setProperty(name, value)));
            try {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry(ALIAS, key, password, chain);
                try (var out = new ByteArrayOutputStream()) {
                    store.store(out, password);
                    return out.toByteArray();
                }
            } finally {
                previous.forEach((name, value) -> {
                    if (value == null) System.clearProperty(name);
                    else System.setProperty(name, value);
                });
            }
        }
    }

    /**
     * The key-derivation rounds of a PKCS#12 file's MAC; 0 without a MAC or when unsure. Read from
     * the DER directly (RFC 7292: PFX ::= SEQUENCE { version, authSafe, macData SEQUENCE { mac,
     * macSalt, iterations INTEGER DEFAULT 1 } OPTIONAL }): parsing it with BouncyCastle would load
     * enough of it to cost half a second of a start.
     */
    static int macRounds(byte[] pkcs12) {
        try {
            int[] pfx = tlv(pkcs12, 0);                 // {tag, content start, content end}
            int at = tlv(pkcs12, pfx[1])[2];           // after version
            at = tlv(pkcs12, at)[2];                   // after authSafe
            if (at >= pfx[2]) {
                return 0;
            }
            int[] macData = tlv(pkcs12, at);
            at = tlv(pkcs12, macData[1])[2];           // after mac
            at = tlv(pkcs12, at)[2];                   // after macSalt
            if (at >= macData[2]) {
                return 1;
            }
            int[] iterations = tlv(pkcs12, at);
            return iterations[0] == 0x02 && iterations[2] - iterations[1] <= 4
                    ? new BigInteger(Arrays.copyOfRange(pkcs12, iterations[1], iterations[2])).intValueExact() : 0;
        } catch (RuntimeException e) {
            return 0; // the JDK has read it already; leave it as it is
        }
    }

    /** The DER element at offset: its tag and where its content starts and ends (definite lengths only). */
    private static int[] tlv(byte[] der, int offset) {
        int tag = der[offset] & 0xff;
        int length = der[offset + 1] & 0xff;
        int start = offset + 2;
        if (length > 0x80 && length <= 0x84) {
            int bytes = length - 0x80;
            length = 0;
            for (int i = 0; i < bytes; i++) {
                length = (length << 8) | (der[start + i] & 0xff);
            }
            start += bytes;
        } else if (length >= 0x80) {
            throw new IllegalArgumentException("not DER");
        }
        if (length < 0 || start + length > der.length) {
            throw new IllegalArgumentException("truncated");
        }
        return new int[] {tag, start, start + length};
    }

    static X509Certificate certificate(KeyPair keyPair, URI publicBaseUrl)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        List<GeneralName> names = new ArrayList<>(List.of(
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.iPAddress, "::1")));
        String host = extraHost(publicBaseUrl);
        if (host != null) {
            names.add(new GeneralName(IPAddress.isValid(host) ? GeneralName.iPAddress : GeneralName.dNSName, host));
        }
        // Backdated an hour so a client whose clock is slightly behind does not see "not yet valid".
        Instant now = Instant.now();
        X500Name subject = new X500Name("CN=localhost");
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                subject,
                new BigInteger(127, ServerCertificates.RANDOM).setBit(127),
                Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(VALIDITY)),
                subject,
                keyPair.getPublic());
        // A leaf, not a CA: browsers (Firefox) reject CA certificates used as a server's certificate,
        // while curl/OpenSSL, Node and Java all accept a self-signed leaf as its own trust anchor.
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        builder.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(names.toArray(new GeneralName[0])));
        builder.addExtension(Extension.subjectKeyIdentifier, false,
                extensions.createSubjectKeyIdentifier(keyPair.getPublic()));
        builder.addExtension(Extension.authorityKeyIdentifier, false,
                extensions.createAuthorityKeyIdentifier(keyPair.getPublic()));
        var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    /** The public base URL's host, unless it is one of the loopback names every certificate has. */
    private static String extraHost(URI publicBaseUrl) {
        if (publicBaseUrl == null || publicBaseUrl.getHost() == null) return null;
        String host = publicBaseUrl.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        host = canonicalIp(host);
        return Set.of("localhost", "127.0.0.1", "0:0:0:0:0:0:0:1").contains(host) ? null : host;
    }

    private static Set<String> names(X509Certificate certificate) throws GeneralSecurityException {
        Set<String> result = new LinkedHashSet<>();
        var alternatives = certificate.getSubjectAlternativeNames();
        if (alternatives != null) {
            for (List<?> name : alternatives) {
                result.add(canonicalIp(String.valueOf(name.get(1)).toLowerCase(Locale.ROOT)));
            }
        }
        return result;
    }

    /** One spelling per IP address (::1 vs 0:0:0:0:0:0:0:1), so names compare; DNS names pass through. */
    private static String canonicalIp(String name) {
        if (!IPAddress.isValid(name)) return name;
        try {
            return InetAddress.getByName(name).getHostAddress(); // a literal: no lookup happens
        } catch (UnknownHostException e) {
            return name;
        }
    }

    static byte[] pem(X509Certificate certificate) throws GeneralSecurityException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(certificate.getEncoded());
        return ("-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** Writes beside the target and renames, so readers never see a half-written file. */
    private static void publish(Path dir, Path target, byte[] content, boolean secret) throws IOException {
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        Path temp = Files.createTempFile(dir, ".tmp-", "-" + target.getFileName(), attributes);
        try {
            try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.SYNC)) {
                out.write(content);
            }
            if (posix && !secret) {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
