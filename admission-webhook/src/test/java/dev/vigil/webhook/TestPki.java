package dev.vigil.webhook;

import dev.vigil.webhook.ops.DevCertificates;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A throw-away CA and serving certificate for {@code localhost} and {@code 127.0.0.1}, made by the real code. */
public record TestPki(Path dir) {
    public static TestPki create(Path dir) throws IOException {
        DevCertificates.issue(List.of("localhost", "127.0.0.1"), dir, Duration.ofDays(1));
        return new TestPki(dir);
    }

    public Path caCert() {
        return dir.resolve(DevCertificates.CA_CERT);
    }

    public Path tlsCert() {
        return dir.resolve(DevCertificates.TLS_CERT);
    }

    public Path tlsKey() {
        return dir.resolve(DevCertificates.TLS_KEY);
    }

    /**
     * A client certificate ({@code extendedKeyUsage clientAuth}) signed by this CA, in a PKCS#12 key store with
     * password {@code vigil}, as the API server would present it.
     */
    public java.security.KeyStore clientKeys(String commonName) throws Exception {
        java.security.PrivateKey caKey;
        try (org.bouncycastle.openssl.PEMParser p = new org.bouncycastle.openssl.PEMParser(
                java.nio.file.Files.newBufferedReader(dir.resolve(DevCertificates.CA_KEY)))) {
            caKey = new org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter()
                    .getPrivateKey((org.bouncycastle.asn1.pkcs.PrivateKeyInfo) p.readObject());
        }
        java.security.cert.X509Certificate ca;
        try (var in = java.nio.file.Files.newInputStream(caCert())) {
            ca = (java.security.cert.X509Certificate)
                    java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC");
        g.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        java.security.KeyPair keys = g.generateKeyPair();
        java.time.Instant now = java.time.Instant.now();
        var builder = new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(
                ca,
                java.math.BigInteger.valueOf(now.toEpochMilli()),
                java.util.Date.from(now.minusSeconds(300)),
                java.util.Date.from(now.plusSeconds(3600)),
                new javax.security.auth.x500.X500Principal("CN=" + commonName),
                keys.getPublic());
        builder.addExtension(
                org.bouncycastle.asn1.x509.Extension.extendedKeyUsage,
                false,
                new org.bouncycastle.asn1.x509.ExtendedKeyUsage(
                        org.bouncycastle.asn1.x509.KeyPurposeId.id_kp_clientAuth));
        java.security.cert.X509Certificate leaf = new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter()
                .getCertificate(builder.build(
                        new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withECDSA").build(caKey)));
        java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry(
                "client", keys.getPrivate(), "vigil".toCharArray(), new java.security.cert.Certificate[] {leaf, ca});
        return ks;
    }
}
