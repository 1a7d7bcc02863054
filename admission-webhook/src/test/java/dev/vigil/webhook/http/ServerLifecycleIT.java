package dev.vigil.webhook.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.policy.PolicyConfig;
import dev.vigil.webhook.ApiServerClient;
import dev.vigil.webhook.Reviews;
import dev.vigil.webhook.TestPki;
import dev.vigil.webhook.TestServer;
import dev.vigil.webhook.admission.AdmissionSettings;
import dev.vigil.webhook.admission.NamespaceLabels;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Graceful shutdown, protocol options and client-certificate enforcement. */
class ServerLifecycleIT {
    @TempDir
    Path dir;

    @Test
    void shutdownFailsReadinessFirstAndDrainsInFlightRequests() throws Exception {
        TestPki pki = TestPki.create(dir);
        AdmissionSettings settings = AdmissionSettings.standard()
                .withPolicy(PolicyConfig.builder()
                        .customRule(new OverloadIT.SlowRule())
                        .build());
        TestServer server = TestServer.start(
                pki,
                settings,
                NamespaceLabels.NONE,
                ServerOptions.defaults(pki.tlsCert(), pki.tlsKey())
                        .withShutdown(Duration.ofSeconds(3), Duration.ofSeconds(5)));
        var review = Reviews.create(AdmissionEndpointIT.privileged(), "team-a");
        int started = OverloadIT.SlowRule.STARTED.get();
        CompletableFuture<JsonNode> inFlight = CompletableFuture.supplyAsync(() -> {
            try {
                return server.client.review("/validate", review);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        TlsReloadIT.waitFor(() -> OverloadIT.SlowRule.STARTED.get() > started); // in flight: held for 300 ms
        CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> {
            try {
                server.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        TlsReloadIT.waitFor(() -> !server.server.ready());
        assertThat(inFlight).as("the in-flight request is still being answered").isNotDone();
        HttpResponse<String> readyz = new ApiServerClient(pki.caCert(), server.server.port()).get("/readyz");
        assertThat(readyz.statusCode()).isEqualTo(503);
        assertThat(readyz.body()).isEqualTo("not ready: shutting down\n");
        JsonNode answer = inFlight.get();
        assertThat(answer.path("uid").asText())
                .isEqualTo(review.path("request").path("uid").asText());
        assertThat(answer.path("allowed").asBoolean()).isFalse();
        closing.get();
    }

    @Test
    void http2IsOfferedOnlyWhenEnabledAndTls12OnlyWhenAllowed() throws Exception {
        TestPki pki = TestPki.create(dir);
        SSLContext trust = ApiServerClient.sslContext(pki.caCert(), null);
        try (TestServer plain = TestServer.start(pki, AdmissionSettings.standard(), NamespaceLabels.NONE)) {
            assertThat(version(trust, plain.server.port())).isEqualTo(HttpClient.Version.HTTP_1_1);
            assertThat(negotiated(trust, plain.server.port(), "TLSv1.3")).isEqualTo("TLSv1.3");
            assertThatThrownBy(() -> negotiated(trust, plain.server.port(), "TLSv1.2"))
                    .isInstanceOf(SSLHandshakeException.class);
        }
        ServerOptions opted =
                ServerOptions.defaults(pki.tlsCert(), pki.tlsKey()).withProtocols(true, true);
        try (TestServer h2 = TestServer.start(pki, AdmissionSettings.standard(), NamespaceLabels.NONE, opted)) {
            assertThat(version(trust, h2.server.port())).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(negotiated(trust, h2.server.port(), "TLSv1.2")).isEqualTo("TLSv1.2");
        }
    }

    @Test
    void clientCaRequiresAClientCertificateForAdmissionButNotForProbes() throws Exception {
        TestPki pki = TestPki.create(dir);
        ServerOptions options =
                ServerOptions.defaults(pki.tlsCert(), pki.tlsKey()).withClientCa(pki.caCert());
        try (TestServer server = TestServer.start(pki, AdmissionSettings.standard(), NamespaceLabels.NONE, options)) {
            HttpResponse<String> r = server.client.post(
                    "/validate",
                    "application/json",
                    ApiServerClient.JSON.writeValueAsBytes(Reviews.create(AdmissionEndpointIT.privileged(), "a")));
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(r.body()).isEqualTo("a client certificate signed by the configured client CA is required\n");
            assertThat(server.client.get("/readyz").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aRotatedClientCaBundleIsTrustedWithoutARestart() throws Exception {
        TestPki pki = TestPki.create(dir.resolve("serving"));
        TestPki oldCa = TestPki.create(dir.resolve("old-client-ca"));
        TestPki newCa = TestPki.create(dir.resolve("new-client-ca"));
        Path bundle = dir.resolve("client-ca.crt");
        Files.copy(oldCa.caCert(), bundle);
        ServerOptions options = ServerOptions.defaults(pki.tlsCert(), pki.tlsKey())
                .withClientCa(bundle)
                .withReloadInterval(java.time.Duration.ofMillis(100));
        byte[] review = ApiServerClient.JSON.writeValueAsBytes(Reviews.create(AdmissionEndpointIT.privileged(), "a"));
        try (TestServer server = TestServer.start(pki, AdmissionSettings.standard(), NamespaceLabels.NONE, options)) {
            int port = server.server.port();
            SSLContext signedByOld = ApiServerClient.sslContext(pki.caCert(), oldCa.clientKeys("kube-apiserver"));
            SSLContext signedByNew = ApiServerClient.sslContext(pki.caCert(), newCa.clientKeys("kube-apiserver"));
            assertThat(status(signedByOld, port, review)).isEqualTo(200);
            assertRefused(signedByNew, server, review);

            Files.copy(newCa.caCert(), bundle, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
            while (status(signedByNew, port, review) != 200) {
                assertThat(System.nanoTime())
                        .as("the new client CA was never trusted")
                        .isLessThan(deadline);
                Thread.sleep(100);
            }
            assertRefused(signedByOld, server, review);

            // a broken bundle keeps the last good one: checked after the reloader has read it
            double failedBefore = TlsReloadIT.reloadFailures(server);
            Files.writeString(bundle, "not a certificate\n");
            TlsReloadIT.waitFor(() -> TlsReloadIT.reloadFailures(server) > failedBefore);
            assertThat(status(signedByNew, port, review)).isEqualTo(200);
        }
    }

    /** Refused, by a server that is alive: a dead server must not pass as "not 200". */
    private static void assertRefused(SSLContext ctx, TestServer server, byte[] review) throws Exception {
        assertThat(status(ctx, server.server.port(), review)).isNotEqualTo(200);
        assertThat(server.client.get("/readyz").statusCode())
                .as("the server still answers its probe")
                .isEqualTo(200);
    }

    /** The HTTP status of one review on a fresh connection, or -1 when the handshake is refused. */
    private static int status(SSLContext ctx, int port, byte[] review) {
        try {
            HttpClient client = HttpClient.newBuilder()
                    .sslContext(ctx)
                    .version(HttpClient.Version.HTTP_1_1)
                    .build();
            return client.send(
                            HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/validate"))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(review))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .statusCode();
        } catch (java.net.ConnectException e) {
            throw new IllegalStateException("the server is not listening on " + port, e); // dead, not refusing
        } catch (Exception e) {
            return -1;
        }
    }

    private static HttpClient.Version version(SSLContext trust, int port) throws Exception {
        HttpClient client = HttpClient.newBuilder()
                .sslContext(trust)
                .version(HttpClient.Version.HTTP_2)
                .build();
        return client.send(
                        HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/healthz"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .version();
    }

    private static String negotiated(SSLContext trust, int port, String protocol) throws Exception {
        try (SSLSocket s = (SSLSocket) trust.getSocketFactory().createSocket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            SSLParameters p = s.getSSLParameters();
            p.setProtocols(new String[] {protocol});
            s.setSSLParameters(p);
            s.startHandshake();
            return s.getSession().getProtocol();
        }
    }
}
