package dev.vigil.webhook.http;

import java.nio.file.Path;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the PEM files (content hash, so Secret volume symlink swaps and in-place writes are both seen) and
 * swaps the key store into Jetty when they change. New handshakes use the new pair; open connections keep
 * theirs. A pair that cannot be read or does not match keeps the last good one serving. The client CA bundle, when
 * configured, is watched the same way: a rotated bundle is trusted from the next handshake on, and an unreadable or
 * empty one keeps the last good bundle.
 */
final class CertificateReloader {
    private static final Logger LOG = LoggerFactory.getLogger(CertificateReloader.class);

    private final Path certFile;
    private final Path keyFile;
    private final SslContextFactory.Server ssl;
    private final WebhookMetrics metrics;
    private final Path clientCaFile;
    private volatile TlsMaterial current;
    private String lastError;
    private String clientCaFingerprint;
    private String lastCaError;

    CertificateReloader(
            Path certFile, Path keyFile, SslContextFactory.Server ssl, TlsMaterial initial, WebhookMetrics metrics) {
        this(certFile, keyFile, null, ssl, initial, metrics);
    }

    /** @param clientCaFile the client CA bundle to watch too, or null */
    CertificateReloader(
            Path certFile,
            Path keyFile,
            Path clientCaFile,
            SslContextFactory.Server ssl,
            TlsMaterial initial,
            WebhookMetrics metrics) {
        this.certFile = certFile;
        this.keyFile = keyFile;
        this.clientCaFile = clientCaFile;
        this.ssl = ssl;
        this.current = initial;
        this.metrics = metrics;
        this.clientCaFingerprint = clientCaFile == null ? null : caFingerprint(clientCaFile);
    }

    TlsMaterial current() {
        return current;
    }

    /** Reloads when the files changed; never throws. */
    void check() {
        if (clientCaFile != null) {
            checkClientCa();
        }
        TlsMaterial next;
        try {
            next = TlsMaterial.load(certFile, keyFile);
        } catch (TlsMaterial.TlsMaterialException e) {
            if (!e.getMessage().equals(lastError)) {
                LOG.warn("keeping the current certificate: {}", e.getMessage());
                metrics.tlsReload(false);
                lastError = e.getMessage();
            }
            return;
        }
        lastError = null;
        if (next.fingerprint().equals(current.fingerprint())) {
            return;
        }
        try {
            ssl.reload(f -> f.setKeyStore(next.keyStore()));
            current = next;
            metrics.tlsReload(true);
            LOG.info(
                    "reloaded the serving certificate {} (expires {})",
                    next.leaf().getSubjectX500Principal().getName(),
                    next.leaf().getNotAfter().toInstant());
        } catch (Exception e) {
            metrics.tlsReload(false);
            LOG.warn("keeping the current certificate: reload failed: {}", e.toString());
        }
    }

    private void checkClientCa() {
        String fingerprint = caFingerprint(clientCaFile);
        if (fingerprint == null || fingerprint.equals(clientCaFingerprint)) {
            return;
        }
        java.util.List<java.security.cert.X509Certificate> cas;
        try {
            cas = TlsMaterial.certificates(clientCaFile);
            if (cas.isEmpty()) {
                throw new TlsMaterial.TlsMaterialException(clientCaFile + ": no certificate in the client CA bundle");
            }
        } catch (TlsMaterial.TlsMaterialException e) {
            if (!e.getMessage().equals(lastCaError)) {
                LOG.warn("keeping the current client CA bundle: {}", e.getMessage());
                metrics.tlsReload(false);
                lastCaError = e.getMessage();
            }
            return;
        }
        lastCaError = null;
        try {
            ssl.reload(f -> f.setTrustStore(TlsMaterial.trustStore(cas)));
            clientCaFingerprint = fingerprint;
            metrics.tlsReload(true);
            LOG.info("reloaded the client CA bundle ({} certificate(s))", cas.size());
        } catch (Exception e) {
            metrics.tlsReload(false);
            LOG.warn("keeping the current client CA bundle: reload failed: {}", e.toString());
        }
    }

    /** SHA-256 of the bundle's bytes, or null when it cannot be read right now. */
    private static String caFingerprint(Path file) {
        try {
            byte[] digest =
                    java.security.MessageDigest.getInstance("SHA-256").digest(java.nio.file.Files.readAllBytes(file));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.io.IOException | java.security.NoSuchAlgorithmException e) {
            return null;
        }
    }
}
