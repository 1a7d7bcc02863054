package dev.vigil.webhook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: exit codes and the one-line messages users see. */
class WebhookCommandTest {
    @TempDir
    Path dir;

    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int code = WebhookCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
            return new Result(code, out + captured.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(stdout);
        }
    }

    @Test
    void helpListsSubcommandsAndExitCodes() {
        Result r = run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("serve", "cert", "install", "Exit codes:", "2  usage error");
    }

    @Test
    void serveHelpOffersNoFailOpenSwitch() {
        Result r = run("serve", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("--drain-timeout", "--max-queue-wait");
        // a security webhook must not carry a switch that allows every request (issue 15)
        assertThat(r.out().toLowerCase(java.util.Locale.ROOT))
                .doesNotContain("transport-only")
                .doesNotContain("fixed allowed");
    }

    @Test
    void transportOnlyIsAnUnknownOption() {
        Result r = run("serve", "--no-kube", "--tls-cert", "x", "--tls-key", "y", "--transport-only");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("vigil webhook: Unknown option: '--transport-only'");
    }

    @Test
    void unknownOptionIsAUsageError() {
        Result r = run("serve", "--tls-cert", "x", "--tls-key", "y", "--bogus");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("vigil webhook: Unknown option: '--bogus'");
    }

    @Test
    void unknownProfileIsAUsageErrorNamingTheChoices() throws Exception {
        Result r = run("serve", "--no-kube", "--tls-cert", "x", "--tls-key", "y", "--enforce", "strict");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip())
                .isEqualTo("vigil webhook: --enforce: profile 'strict' is not known; expected one of pss-baseline,"
                        + " pss-restricted, best-practices, schema, recommended, none");
    }

    @Test
    void badWebhookSectionInConfigIsReportedWithFileAndLine() throws Exception {
        Path config = Files.writeString(dir.resolve(".vigil.yaml"), """
                profiles: [recommended]
                webhook:
                  enforce: pss-restricted
                  failOn: fatal
                  mutateByDefault: maybe
                  exemptNamespace: [kube-system]
                """);
        Result r = run("serve", "--no-kube", "--tls-cert", "x", "--tls-key", "y", "--config", config.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err())
                .contains(config + ":4: webhook.failOn: 'fatal' is not a severity; expected error, warning or info")
                .contains(config + ":5: webhook.mutateByDefault: must be true or false")
                .contains(config + ":6: webhook.exemptNamespace: unknown key (did you mean 'exemptNamespaces'?); "
                        + "expected one of [audit, auditVersion, enforce, enforceVersion, exemptNamespaces, "
                        + "exemptRuntimeClasses, exemptUsernames, failOn, mutateByDefault, warn, warnVersion]");
    }

    @Test
    void unreadableCertificateFailsWithOneLine() throws Exception {
        Path cert = Files.writeString(dir.resolve("tls.crt"), "nothing here");
        Path key = Files.writeString(dir.resolve("tls.key"), "nothing here");
        Result r = run("serve", "--no-kube", "--port", "0", "--tls-cert", cert.toString(), "--tls-key", key.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("vigil webhook: " + cert + ": no CERTIFICATE block found");
    }

    @Test
    void certWritesACaAndAServingPair() {
        Result r = run("cert", "--dns", "vigil-webhook.vigil-system.svc", "127.0.0.1", "--out", dir.toString());
        assertThat(r.code()).isZero();
        assertThat(dir.resolve("ca.crt")).content().startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(dir.resolve("tls.key")).content().startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(r.out()).contains("serving certificate for vigil-webhook.vigil-system.svc, 127.0.0.1");
    }

    @Test
    void installDryRunPrintsBothConfigurations() throws Exception {
        run("cert", "--dns", "x", "--out", dir.toString());
        Result r = run(
                "install",
                "--namespace",
                "vigil-system",
                "--ca-bundle",
                dir.resolve("ca.crt").toString(),
                "--mutate",
                "--dry-run");
        assertThat(r.code()).isZero();
        assertThat(r.out())
                .contains("kind: \"ValidatingWebhookConfiguration\"")
                .contains("kind: \"MutatingWebhookConfiguration\"")
                .contains("failurePolicy: \"Fail\"")
                .contains("failurePolicy: \"Ignore\"")
                .contains("caBundle: ");
    }

    @Test
    void installWithAMissingCaBundleIsAUsageError() {
        Result r = run(
                "install",
                "--namespace",
                "x",
                "--ca-bundle",
                dir.resolve("nope.crt").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("vigil webhook: " + dir.resolve("nope.crt") + ": no such file");
    }
}
