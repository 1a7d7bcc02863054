package dev.vigil.webhook.ops;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
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
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A development CA and serving certificate for the webhook (ECDSA P-256, SHA-256), made with BouncyCastle.
 * Writes {@code ca.crt}, {@code ca.key}, {@code tls.crt} and {@code tls.key} (PKCS#8; keys readable by the owner
 * only). Production clusters should use cert-manager (see {@code deploy/overlays/cert-manager}).
 */
public final class DevCertificates {
    public static final String CA_CERT = "ca.crt";
    public static final String CA_KEY = "ca.key";
    public static final String TLS_CERT = "tls.crt";
    public static final String TLS_KEY = "tls.key";

    private static final SecureRandom RANDOM = new SecureRandom();

    /** The CA and serving pair that were written. */
    public record Issued(X509Certificate ca, X509Certificate serving, Path directory) {}

    private DevCertificates() {}

    /**
     * Issues a new CA and a serving certificate for {@code names} (DNS names; IP literals become IP SANs).
     *
     * @param validity how long both certificates are valid
     * @throws IllegalArgumentException when no name is given
     * @throws IOException when the files cannot be written
     */
    public static Issued issue(List<String> names, Path out, Duration validity) throws IOException {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("at least one --dns name is required");
        }
        try {
            Instant now = Instant.now();
            Date notBefore = Date.from(now.minus(Duration.ofMinutes(5)));
            Date notAfter = Date.from(now.plus(validity));
            KeyPair caKeys = ecKeyPair();
            X500Name caName = new X500Name("CN=vigil-webhook-ca,O=vigil");
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder ca =
                    new JcaX509v3CertificateBuilder(caName, serial(), notBefore, notAfter, caName, caKeys.getPublic());
            ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            ca.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            ca.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(caKeys.getPublic()));
            ContentSigner caSigner = new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate());
            X509Certificate caCert = new JcaX509CertificateConverter().getCertificate(ca.build(caSigner));

            KeyPair leafKeys = ecKeyPair();
            X509v3CertificateBuilder leaf = new JcaX509v3CertificateBuilder(
                    caName, serial(), notBefore, notAfter, new X500Name("CN=" + names.get(0)), leafKeys.getPublic());
            leaf.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            leaf.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            leaf.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            leaf.addExtension(Extension.subjectAlternativeName, false, subjectAltNames(names));
            leaf.addExtension(
                    Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(leafKeys.getPublic()));
            leaf.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(caCert));
            X509Certificate leafCert = new JcaX509CertificateConverter().getCertificate(leaf.build(caSigner));

            Files.createDirectories(out);
            write(out.resolve(CA_CERT), pem(caCert), false);
            write(out.resolve(CA_KEY), pem(new JcaPKCS8Generator(caKeys.getPrivate(), null).generate()), true);
            write(out.resolve(TLS_CERT), pem(leafCert), false);
            write(out.resolve(TLS_KEY), pem(new JcaPKCS8Generator(leafKeys.getPrivate(), null).generate()), true);
            return new Issued(caCert, leafCert, out);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot create certificates: " + e.getMessage(), e);
        }
    }

    private static GeneralNames subjectAltNames(List<String> names) {
        List<GeneralName> out = new ArrayList<>();
        for (String n : names) {
            out.add(
                    isIpLiteral(n)
                            ? new GeneralName(GeneralName.iPAddress, n)
                            : new GeneralName(GeneralName.dNSName, n));
        }
        return new GeneralNames(out.toArray(new GeneralName[0]));
    }

    private static boolean isIpLiteral(String n) {
        if (!n.matches("[0-9.]+") && !n.contains(":")) {
            return false;
        }
        try {
            InetAddress.getByName(n);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static KeyPair ecKeyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return g.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(127, RANDOM).add(BigInteger.ONE);
    }

    private static String pem(Object o) throws IOException {
        StringWriter s = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(s)) {
            w.writeObject(o);
        }
        return s.toString();
    }

    private static void write(Path file, String text, boolean secret) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, text.getBytes(StandardCharsets.US_ASCII));
        if (secret) {
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system
            }
        }
        Files.move(
                tmp,
                file,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
