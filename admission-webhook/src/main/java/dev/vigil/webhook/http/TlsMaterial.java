package dev.vigil.webhook.http;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * A PEM serving certificate chain and its private key, read with BouncyCastle (PKCS#8, SEC1 EC and PKCS#1 RSA
 * keys), checked to belong together, and turned into an in-memory key store for Jetty.
 *
 * @param key the private key
 * @param chain the leaf certificate first, then any intermediates from the same file
 * @param fingerprint SHA-256 over both files' bytes: a change means a rotation
 */
record TlsMaterial(PrivateKey key, List<X509Certificate> chain, String fingerprint) {
    static final char[] STORE_PASSWORD = "vigil".toCharArray();
    static final String ALIAS = "vigil-webhook";

    /** The certificate or key could not be used; the message names the file and the reason. */
    static final class TlsMaterialException extends Exception {
        private static final long serialVersionUID = 1L;

        TlsMaterialException(String message) {
            super(message);
        }
    }

    static TlsMaterial load(Path certFile, Path keyFile) throws TlsMaterialException {
        byte[] certBytes = read(certFile);
        byte[] keyBytes = read(keyFile);
        List<X509Certificate> chain = certificates(certFile, certBytes);
        if (chain.isEmpty()) {
            throw new TlsMaterialException(certFile + ": no CERTIFICATE block found");
        }
        PrivateKey key = privateKey(keyFile, keyBytes);
        if (!matches(key, chain.get(0))) {
            throw new TlsMaterialException(
                    keyFile + ": the private key does not belong to the certificate in " + certFile);
        }
        return new TlsMaterial(key, List.copyOf(chain), fingerprint(certBytes, keyBytes));
    }

    /** Every certificate of a PEM bundle (a CA file for client authentication). */
    static List<X509Certificate> certificates(Path file) throws TlsMaterialException {
        return certificates(file, read(file));
    }

    X509Certificate leaf() {
        return chain.get(0);
    }

    /** Seconds until the leaf certificate expires (negative once expired). */
    long secondsToExpiry(Instant now) {
        return leaf().getNotAfter().toInstant().getEpochSecond() - now.getEpochSecond();
    }

    KeyStore keyStore() {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry(ALIAS, key, STORE_PASSWORD, chain.toArray(new X509Certificate[0]));
            return ks;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build an in-memory key store: " + e.getMessage(), e);
        }
    }

    static KeyStore trustStore(List<X509Certificate> cas) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            for (int i = 0; i < cas.size(); i++) {
                ks.setCertificateEntry("ca-" + i, cas.get(i));
            }
            return ks;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build an in-memory trust store: " + e.getMessage(), e);
        }
    }

    private static byte[] read(Path file) throws TlsMaterialException {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new TlsMaterialException(file + ": cannot read: " + e.getMessage());
        }
    }

    private static List<X509Certificate> certificates(Path file, byte[] bytes) throws TlsMaterialException {
        List<X509Certificate> out = new ArrayList<>();
        try (PEMParser parser = parser(bytes)) {
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
            Object o;
            while ((o = parser.readObject()) != null) {
                if (o instanceof X509CertificateHolder holder) {
                    out.add(converter.getCertificate(holder));
                }
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new TlsMaterialException(file + ": not a PEM certificate: " + e.getMessage());
        }
        return out;
    }

    private static PrivateKey privateKey(Path file, byte[] bytes) throws TlsMaterialException {
        try (PEMParser parser = parser(bytes)) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            Object o;
            while ((o = parser.readObject()) != null) {
                if (o instanceof PEMKeyPair pair) {
                    return converter.getPrivateKey(pair.getPrivateKeyInfo());
                } else if (o instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                } else if (o instanceof PKCS8EncryptedPrivateKeyInfo) {
                    throw new TlsMaterialException(file + ": encrypted private keys are not supported");
                }
            }
        } catch (IOException e) {
            throw new TlsMaterialException(file + ": not a PEM private key: " + e.getMessage());
        }
        throw new TlsMaterialException(file + ": no PRIVATE KEY block found");
    }

    private static PEMParser parser(byte[] bytes) {
        Reader reader =
                new java.io.InputStreamReader(new java.io.ByteArrayInputStream(bytes), StandardCharsets.US_ASCII);
        return new PEMParser(reader);
    }

    private static boolean matches(PrivateKey key, X509Certificate cert) {
        String algorithm = switch (key.getAlgorithm()) {
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> null;
        };
        if (algorithm == null) {
            return true;
        }
        try {
            byte[] probe = "vigil key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] sig = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(cert.getPublicKey());
            verifier.update(probe);
            return verifier.verify(sig);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static String fingerprint(byte[] cert, byte[] key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(cert);
            sha.update(key);
            return HexFormat.of().formatHex(sha.digest());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
