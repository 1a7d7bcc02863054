package dev.vigil.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS on the endpoint from a PKCS#12 key store, reloaded when the file changes. */
class TlsEndpointTest {
    @TempDir
    Path tmp;

    @Test
    void servesOverTlsAndPicksUpARotatedCertificate() throws Exception {
        Path first = keystore("first");
        Path second = keystore("second");
        Path live = tmp.resolve("live.p12");
        Files.copy(first, live);
        Path password = tmp.resolve("password");
        Files.writeString(password, "changeit\n");

        try (VigilMetrics metrics = VigilMetrics.create(MetricsConfig.parse(
                "port=0,jvm=false,tlsKeystore=" + live + ",tlsKeystorePasswordFile=" + password, Map.of(), Map.of()))) {
            int port = metrics.startEndpoint().port();
            // a fresh client context each time: no TLS session to resume
            assertThat(peerName(trusting(first, second), port)).contains("CN=first");

            Files.copy(second, live, StandardCopyOption.REPLACE_EXISTING);
            Files.setLastModifiedTime(live, FileTime.fromMillis(System.currentTimeMillis() + 10_000));
            Thread.sleep(1100);

            assertThat(peerName(trusting(first, second), port)).contains("CN=second");
        }
    }

    @Test
    void reportsAMissingKeystore() {
        assertThatThrownBy(() -> MetricsConfig.parse("tlsKeystore=/nope.p12", Map.of(), Map.of()))
                .isInstanceOf(InvalidMetricsConfigException.class)
                .satisfies(e -> assertThat(((InvalidMetricsConfigException) e).problems())
                        .containsExactly(
                                "tlsKeystore was '/nope.p12' but it must be a readable PKCS#12 file",
                                "tlsKeystore and tlsKeystorePasswordFile must be given together"));
    }

    private static String peerName(SSLContext trust, int port) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(trust).build();
        HttpResponse<String> r = client.send(
                HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/metrics"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("metrics_agent_info");
        X509Certificate cert = (X509Certificate) r.sslSession().orElseThrow().getPeerCertificates()[0];
        return cert.getSubjectX500Principal().getName();
    }

    private Path keystore(String name) throws Exception {
        Path file = tmp.resolve(name + ".p12");
        Process p = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "keytool")
                                .toString(),
                        "-genkeypair",
                        "-keyalg",
                        "EC",
                        "-groupname",
                        "secp256r1",
                        "-alias",
                        "metrics",
                        "-dname",
                        "CN=" + name,
                        "-ext",
                        "SAN=ip:127.0.0.1",
                        "-validity",
                        "2",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        file.toString(),
                        "-storepass",
                        "changeit"))
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return file;
    }

    private static SSLContext trusting(Path... keystores) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        for (Path ks : keystores) {
            KeyStore k = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(ks)) {
                k.load(in, "changeit".toCharArray());
            }
            trust.setCertificateEntry(ks.getFileName().toString(), k.getCertificate("metrics"));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
