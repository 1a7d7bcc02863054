package dev.vigil.webhook.cli;

import dev.vigil.webhook.ops.DevCertificates;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigil webhook cert}: a development CA and serving certificate. */
@Command(
        name = "cert",
        mixinStandardHelpOptions = true,
        description = "Create an ECDSA P-256 CA (ca.crt, ca.key) and a serving certificate (tls.crt, tls.key) for"
                + " development. Use cert-manager in production (deploy/overlays/cert-manager).")
final class CertCommand implements Callable<Integer> {
    @Option(
            names = "--dns",
            arity = "1..*",
            required = true,
            paramLabel = "NAME",
            description = "DNS names (IP literals become IP SANs) of the serving certificate, e.g."
                    + " vigil-webhook.vigil-system.svc localhost 127.0.0.1")
    List<String> dns;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write the files to.")
    Path out;

    @Option(
            names = "--days",
            defaultValue = "365",
            paramLabel = "N",
            description = "Validity of both certificates in days (default: ${DEFAULT-VALUE}).")
    int days;

    @Override
    public Integer call() throws Exception {
        if (days < 1) {
            throw new WebhookCommand.UsageException("--days must be at least 1, got " + days);
        }
        DevCertificates.Issued issued = DevCertificates.issue(dns, out, Duration.ofDays(days));
        System.out.println("wrote " + out.resolve(DevCertificates.CA_CERT) + ", " + out.resolve(DevCertificates.CA_KEY)
                + ", " + out.resolve(DevCertificates.TLS_CERT) + ", " + out.resolve(DevCertificates.TLS_KEY)
                + " (serving certificate for " + String.join(", ", dns) + ", expires "
                + issued.serving().getNotAfter().toInstant() + ")");
        return ExitCode.OK.code();
    }
}
