package dev.vigil.webhook.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.webhook.ApiServerClient;
import dev.vigil.webhook.Reviews;
import dev.vigil.webhook.TestPki;
import dev.vigil.webhook.TestServer;
import dev.vigil.webhook.admission.AdmissionSettings;
import dev.vigil.webhook.admission.NamespaceLabels;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Certificate rotation under traffic: the files are replaced (as cert-manager or a Secret update does), new
 * handshakes get the new certificate, no request fails; an unreadable pair keeps the last good one serving.
 */
class TlsReloadIT {
    @TempDir
    Path dir;

    @Test
    void rotationDuringTrafficLosesNoRequestAndBrokenFilesKeepTheLastGoodPair() throws Exception {
        TestPki first = TestPki.create(dir.resolve("first"));
        TestPki second = TestPki.create(dir.resolve("second"));
        Path served = Files.createDirectories(dir.resolve("served"));
        Path cert = served.resolve("tls.crt");
        Path key = served.resolve("tls.key");
        Files.copy(first.tlsCert(), cert);
        Files.copy(first.tlsKey(), key);
        // the API server's caBundle during a CA rotation holds both CAs
        Path bundle = dir.resolve("bundle.crt");
        Files.writeString(bundle, Files.readString(first.caCert()) + Files.readString(second.caCert()));

        ServerOptions options = ServerOptions.defaults(cert, key).withReloadInterval(Duration.ofMillis(100));
        try (TestServer server =
                TestServer.start(bundle, AdmissionSettings.standard(), NamespaceLabels.NONE, options)) {
            int port = server.server.port();
            SSLContext trust = ApiServerClient.sslContext(bundle, null);
            assertThat(presented(trust, port)).isEqualTo(leaf(first.tlsCert()));

            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger ok = new AtomicInteger();
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            List<Thread> traffic = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                Thread thread = new Thread(() -> {
                    int i = 0;
                    ApiServerClient client = null;
                    while (running.get()) {
                        try {
                            if (i++ % 10 == 0) {
                                client = new ApiServerClient(trust, port, "3s"); // fresh connections: new handshakes
                            }
                            JsonNode r = client.review(
                                    "/validate", Reviews.create(AdmissionEndpointIT.privileged(), "team-a"));
                            if (r.path("allowed").asBoolean()) {
                                failures.add("privileged pod allowed");
                            }
                            ok.incrementAndGet();
                        } catch (Exception e) {
                            failures.add(e.toString());
                        }
                    }
                });
                thread.start();
                traffic.add(thread);
            }
            waitFor(() -> ok.get() >= 10); // traffic is flowing
            // rotate: key first (a mismatched pair is seen for a moment and must be skipped), then the cert
            double failedBefore = reloadFailures(server);
            Files.copy(second.tlsKey(), key, StandardCopyOption.REPLACE_EXISTING);
            waitFor(() -> reloadFailures(server) > failedBefore); // the reloader saw the mismatched pair
            assertThat(presented(trust, port)).isEqualTo(leaf(first.tlsCert()));
            Files.copy(second.tlsCert(), cert, StandardCopyOption.REPLACE_EXISTING);
            waitFor(() -> presented(trust, port).equals(leaf(second.tlsCert())));
            int okAtRotation = ok.get();
            waitFor(() -> ok.get() >= okAtRotation + 10); // traffic goes on over the new pair

            // a broken key keeps the current pair serving: after the reloader has read it (or this would pass
            // without a reload)
            double failedBeforeBroken = reloadFailures(server);
            Files.writeString(key, "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n");
            waitFor(() -> reloadFailures(server) > failedBeforeBroken);
            assertThat(presented(trust, port)).isEqualTo(leaf(second.tlsCert()));
            running.set(false);
            for (Thread t : traffic) {
                t.join();
            }
            assertThat(failures).isEmpty();
            assertThat(ok.get()).isPositive();
            String metrics = server.client.get("/metrics").body();
            assertThat(metrics).contains("vigil_webhook_tls_reloads_total{result=\"success\"} 1.0");
            assertThat(metrics).containsPattern("vigil_webhook_tls_reloads_total\\{result=\"failure\"} [1-9]");
        }
    }

    /** {@code vigil_webhook_tls_reloads_total{result="failure"}} as the server reports it now (0 when absent). */
    static double reloadFailures(TestServer server) throws Exception {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                        "(?m)^vigil_webhook_tls_reloads_total\\{result=\"failure\"} (\\S+)$")
                .matcher(server.client.get("/metrics").body());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    interface Check {
        boolean ok() throws Exception;
    }

    static void waitFor(Check check) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!check.ok()) {
            assertThat(System.nanoTime()).as("waited too long").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static X509Certificate presented(SSLContext trust, int port) throws Exception {
        try (SSLSocket s = (SSLSocket) trust.getSocketFactory().createSocket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            s.startHandshake();
            return (X509Certificate) s.getSession().getPeerCertificates()[0];
        }
    }

    private static X509Certificate leaf(Path pem) throws Exception {
        try (var in = Files.newInputStream(pem)) {
            return (X509Certificate)
                    java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }
}
