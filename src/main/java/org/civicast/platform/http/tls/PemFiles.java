package org.civicast.platform.http.tls;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.civicast.platform.config.ConfigException;

/**
 * Reads CIVICAST_TLS=pem material: a certificate chain and an unencrypted private key.
 *
 * <p>Both files are scanned for the blocks they should hold and anything else is skipped, so the
 * usual variants work unchanged: certbot's fullchain.pem, a combined key+cert file given for both
 * variables, or an {@code openssl ecparam -genkey} key that starts with an EC PARAMETERS block.
 * The JCA converters use the JDK's providers; BouncyCastle is only the PEM/ASN.1 parser, so nothing
 * is registered globally.
 */
final class PemFiles {
    private static final String CERT_VAR = "CIVICAST_TLS_CERT_FILE";
    private static final String KEY_VAR = "CIVICAST_TLS_KEY_FILE";

    private PemFiles() {}

    static ServerCertificates read(Path certFile, Path keyFile) {
        List<X509Certificate> certificates = readCertificates(certFile);
        PrivateKey key = readKey(keyFile);
        // The leaf is the certificate of our key; putting it first forgives bundles written CA-first.
        X509Certificate leaf = null;
        for (X509Certificate certificate : certificates) {
            if (matches(key, certificate)) {
                leaf = certificate;
                break;
            }
        }
        if (leaf == null) {
            throw new ConfigException(KEY_VAR + ": the private key in " + keyFile
                    + " belongs to none of the certificates in " + CERT_VAR + " (" + certFile + ")");
        }
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(leaf);
        for (X509Certificate certificate : certificates) {
            if (certificate != leaf) chain.add(certificate);
        }
        return ServerCertificates.of(key, chain);
    }

    static List<X509Certificate> readCertificates(Path file) {
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        List<X509Certificate> result = new ArrayList<>();
        for (Object block : blocks(file, CERT_VAR)) {
            if (block instanceof X509CertificateHolder holder) {
                try {
                    result.add(converter.getCertificate(holder));
                } catch (CertificateException e) {
                    throw new ConfigException(CERT_VAR + ": a certificate in " + file + " is malformed: "
                            + e.getMessage());
                }
            }
        }
        if (result.isEmpty()) {
            throw new ConfigException(CERT_VAR + ": " + file + " holds no PEM certificate"
                    + " (-----BEGIN CERTIFICATE-----); a DER file must be converted with"
                    + " 'openssl x509 -inform der -in FILE -out FILE.pem'");
        }
        return result;
    }

    static PrivateKey readKey(Path file) {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        for (Object block : blocks(file, KEY_VAR)) {
            try {
                if (block instanceof PEMKeyPair pair) { // PKCS#1 "RSA PRIVATE KEY", SEC1 "EC PRIVATE KEY"
                    // Not getKeyPair(): SEC1 makes the public key optional, and some writers omit it.
                    return converter.getPrivateKey(pair.getPrivateKeyInfo());
                }
                if (block instanceof PrivateKeyInfo info) { // PKCS#8 "PRIVATE KEY"
                    return converter.getPrivateKey(info);
                }
            } catch (IOException e) {
                throw new ConfigException(KEY_VAR + ": the private key in " + file + " cannot be used: "
                        + e.getMessage());
            }
            if (block instanceof PEMEncryptedKeyPair || block instanceof PKCS8EncryptedPrivateKeyInfo) {
                // A passphrase would have to sit in the environment next to the key, protecting nothing.
                throw new ConfigException(KEY_VAR + ": the private key in " + file + " is encrypted;"
                        + " store it unencrypted with 'openssl pkey -in KEY -out KEY.plain' and restrict"
                        + " the file's permissions instead");
            }
        }
        throw new ConfigException(KEY_VAR + ": " + file + " holds no PEM private key"
                + " (PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY block)");
    }

    private static List<Object> blocks(Path file, String variable) {
        List<Object> result = new ArrayList<>();
        // ISO-8859-1 never fails to decode, so stray non-ASCII text around the blocks is just skipped.
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1);
                PEMParser parser = new PEMParser(reader)) {
            Object block;
            while ((block = parser.readObject()) != null) {
                result.add(block);
            }
        } catch (IOException | RuntimeException e) {
            // PEMParser reports bad base64 or ASN.1 as IOException or, for some inputs, unchecked.
            throw new ConfigException(variable + ": " + file + " is not a valid PEM file: " + e.getMessage());
        }
        return result;
    }

    /**
     * Proves the key belongs to the certificate by a signature round trip, which works for every key
     * type without comparing algorithm-specific parameters. Key types we cannot sign with here are
     * given the benefit of the doubt; the TLS handshake is then the judge.
     */
    private static boolean matches(PrivateKey key, X509Certificate certificate) {
        String family = family(key.getAlgorithm());
        if (!family.equals(family(certificate.getPublicKey().getAlgorithm()))) {
            return false;
        }
        String algorithm = switch (family) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "EdDSA" -> "EdDSA";
            default -> null;
        };
        if (algorithm == null) return true;
        try {
            byte[] challenge = new byte[32];
            ServerCertificates.RANDOM.nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return true;
        }
    }

    /** Providers disagree on names ("EC"/"ECDSA", "EdDSA"/"Ed25519"); compare families instead. */
    private static String family(String keyAlgorithm) {
        return switch (keyAlgorithm) {
            case "EC", "ECDSA" -> "EC";
            case "EdDSA", "Ed25519", "Ed448" -> "EdDSA";
            default -> keyAlgorithm;
        };
    }
}
