package dev.vigil.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library wired by hand, no agent: registry, binders and endpoint. */
class MetricsEndpointTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private VigilMetrics metrics;

    @TempDir
    Path tmp;

    @AfterEach
    void close() {
        if (metrics != null) {
            metrics.close();
        }
    }

    private int start(String args) throws Exception {
        metrics = VigilMetrics.create(MetricsConfig.parse(args, Map.of(), Map.of()));
        metrics.httpServer().record("GET", "/items/{id}", 200, null, 1_000_000);
        return metrics.startEndpoint().port();
    }

    private static HttpResponse<byte[]> get(int port, String pathAndQuery, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void servesPrometheusTextByDefault() throws Exception {
        int port = start("port=0");
        HttpResponse<byte[]> r = get(port, "/metrics");
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(body)
                .contains("# TYPE http_server_requests_seconds histogram")
                .contains("http_server_requests_seconds_count{exception=\"none\",method=\"GET\","
                        + "outcome=\"SUCCESS\",status=\"200\",uri=\"/items/{id}\"} 1")
                .contains("jvm_memory_used_bytes{area=\"heap\"")
                .contains("metrics_agent_info{version=\"dev\"} 1")
                .doesNotContain("# EOF");
    }

    @Test
    void servesOpenMetricsWhenAsked() throws Exception {
        int port = start("port=0");
        HttpResponse<byte[]> r = get(
                port,
                "/metrics",
                "Accept",
                "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5");
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValue("application/openmetrics-text; version=1.0.0; charset=utf-8");
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).endsWith("# EOF\n");
    }

    @Test
    void attachesTheSampledTraceAsExemplarInOpenMetrics() throws Exception {
        int port = start("port=0");
        metrics.httpServer()
                .record(
                        "GET",
                        "/traced",
                        200,
                        null,
                        2_000_000,
                        "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        metrics.httpServer()
                .record(
                        "GET",
                        "/untraced",
                        200,
                        null,
                        2_000_000,
                        "00-11111111111111111111111111111111-2222222222222222-00");
        String om = new String(
                get(port, "/metrics", "Accept", "application/openmetrics-text; version=1.0.0")
                        .body(),
                StandardCharsets.UTF_8);
        assertThat(om)
                .containsPattern("http_server_requests_seconds_bucket\\{[^}]*uri=\"/traced\",le=\"0.005\"} 1 "
                        + "# \\{span_id=\"b7ad6b7169203331\",trace_id=\"0af7651916cd43dd8448eb211c80319c\"}")
                .doesNotContain("11111111111111111111111111111111");
    }

    @Test
    void leavesExemplarsOutWhenSwitchedOff() throws Exception {
        int port = start("port=0,exemplars=false");
        metrics.httpServer()
                .record(
                        "GET",
                        "/traced",
                        200,
                        null,
                        2_000_000,
                        "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        String om = new String(
                get(port, "/metrics", "Accept", "application/openmetrics-text; version=1.0.0")
                        .body(),
                StandardCharsets.UTF_8);
        assertThat(om).contains("uri=\"/traced\"").doesNotContain("trace_id");
    }

    @Test
    void gzipsWhenAccepted() throws Exception {
        int port = start("port=0");
        HttpResponse<byte[]> r = get(port, "/metrics", "Accept-Encoding", "gzip");
        assertThat(r.headers().firstValue("Content-Encoding")).hasValue("gzip");
        String body = new String(
                new GZIPInputStream(new ByteArrayInputStream(r.body())).readAllBytes(), StandardCharsets.UTF_8);
        assertThat(body).contains("metrics_agent_info");
    }

    @Test
    void filtersByName() throws Exception {
        int port = start("port=0");
        String body = new String(
                get(port, "/metrics?name[]=metrics_agent_info&name%5B%5D=process_cpu_usage")
                        .body(),
                StandardCharsets.UTF_8);
        assertThat(body).contains("metrics_agent_info", "process_cpu_usage").doesNotContain("jvm_memory");
    }

    @Test
    void answersNotFoundOffThePathAndHonoursAConfiguredPath() throws Exception {
        int port = start("port=0,path=/prom");
        assertThat(get(port, "/metrics").statusCode()).isEqualTo(404);
        assertThat(get(port, "/prom").statusCode()).isEqualTo(200);
    }

    @Test
    void writesThePortFile() throws Exception {
        Path file = tmp.resolve("sub/port");
        int port = start("port=0,portFile=" + file);
        assertThat(Files.readString(file).trim()).isEqualTo(Integer.toString(port));
    }

    @Test
    void checksBasicAuthAgainstTheHash() throws Exception {
        String hash = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest("s3cret".getBytes(StandardCharsets.UTF_8)));
        int port = start("port=0,basicAuthUser=prom,basicAuthPasswordSha256=" + hash);
        assertThat(get(port, "/metrics").statusCode()).isEqualTo(401);
        String wrong = Base64.getEncoder().encodeToString("prom:nope".getBytes(StandardCharsets.UTF_8));
        assertThat(get(port, "/metrics", "Authorization", "Basic " + wrong).statusCode())
                .isEqualTo(401);
        String right = Base64.getEncoder().encodeToString("prom:s3cret".getBytes(StandardCharsets.UTF_8));
        assertThat(get(port, "/metrics", "Authorization", "Basic " + right).statusCode())
                .isEqualTo(200);
    }

    @Test
    void rereadsTheBearerTokenFile() throws Exception {
        Path token = tmp.resolve("token");
        Files.writeString(token, "first\n");
        int port = start("port=0,bearerTokenFile=" + token);
        assertThat(get(port, "/metrics", "Authorization", "Bearer first").statusCode())
                .isEqualTo(200);
        Files.writeString(token, "second\n");
        Files.setLastModifiedTime(
                token, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        assertThat(get(port, "/metrics", "Authorization", "Bearer first").statusCode())
                .isEqualTo(401);
        assertThat(get(port, "/metrics", "Authorization", "Bearer second").statusCode())
                .isEqualTo(200);
    }

    @Test
    void reportsAPortClashAsBindException() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            metrics = VigilMetrics.create(MetricsConfig.parse("port=" + taken.getLocalPort(), Map.of(), Map.of()));
            org.assertj.core.api.Assertions.assertThatThrownBy(metrics::startEndpoint)
                    .isInstanceOf(java.net.BindException.class)
                    .hasMessageContaining("cannot bind 127.0.0.1:" + taken.getLocalPort());
        }
    }

    @Test
    void aBusyDefaultPortFailsOverButAGivenOneDoesNot() throws Exception {
        java.net.ServerSocket taken = null;
        try {
            try { // 9464 as OpenTelemetry's exporter would hold it (if something else already does, the same)
                taken = new java.net.ServerSocket(9464, 1, java.net.InetAddress.getLoopbackAddress());
            } catch (java.net.BindException alreadyBusy) {
                // busy anyway
            }
            metrics = VigilMetrics.create(MetricsConfig.defaults());
            int port = metrics.startEndpoint().port();
            assertThat(port).isBetween(9465, 9474);
            assertThat(get(port, "/metrics").statusCode()).isEqualTo(200);
            metrics.close();

            metrics = VigilMetrics.create(MetricsConfig.parse("", Map.of("vigil.metrics.port", "9464"), Map.of()));
            org.assertj.core.api.Assertions.assertThatThrownBy(metrics::startEndpoint)
                    .isInstanceOf(java.net.BindException.class)
                    .hasMessageContaining("cannot bind 127.0.0.1:9464:");
        } finally {
            if (taken != null) {
                taken.close();
            }
        }
    }
}
