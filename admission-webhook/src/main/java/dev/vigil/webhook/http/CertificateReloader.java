package dev.vigil.webhook.http;

import java.nio.file.Path;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the PEM files (content hash, so Secret volume symlink swaps and in-place writes are both seen) and
 * swaps the key store into Jetty when they change. New handshakes use the new pair; open connections keep
 * theirs. A pair that cannot be read or does not match keeps the last good one serving.
 */
final class CertificateReloader {
    private static final Logger LOG = LoggerFactory.getLogger(CertificateReloader.class);

    private final Path certFile;
    private final Path keyFile;
    private final SslContextFactory.Server ssl;
    private final WebhookMetrics metrics;
    private volatile TlsMaterial current;
    private String lastError;

    CertificateReloader(
            Path certFile, Path keyFile, SslContextFactory.Server ssl, TlsMaterial initial, WebhookMetrics metrics) {
        this.certFile = certFile;
        this.keyFile = keyFile;
        this.ssl = ssl;
        this.current = initial;
        this.metrics = metrics;
    }

    TlsMaterial current() {
        return current;
    }

    /** Reloads when the files changed; never throws. */
    void check() {
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
}
