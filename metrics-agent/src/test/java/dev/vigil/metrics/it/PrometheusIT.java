package dev.vigil.metrics.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testsupport.Requirements;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's endpoint checked by Prometheus' own tools: promtool's linter and a real Prometheus server. */
class PrometheusIT {
    private static SampleApp app;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startApp() throws Exception {
        app = SampleApp.start("jetty12", SampleApp.java17(), "port=0");
        assertThat(app.get("/items/42")).isEqualTo(200);
        assertThat(app.get("/items/43")).isEqualTo(200);
        assertThat(app.get("/boom")).isEqualTo(500);
    }

    @AfterAll
    static void stopApp() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void promtoolFindsNothingInTheTextFormat() throws Exception {
        Path promtool = Requirements.tool("promtool", "Debian package prometheus");
        String text = app.scrape(null);
        assertThat(text).contains("http_server_requests_seconds_count{");

        Tools.Result r = Tools.promtoolCheckMetrics(promtool, text);

        assertThat(r.output()).as("promtool check metrics").isEmpty();
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void promtoolFindsNothingInTheOpenMetricsFormat() throws Exception {
        Path promtool = Requirements.tool("promtool", "Debian package prometheus");
        String om = app.scrape("application/openmetrics-text; version=1.0.0");
        assertThat(om).endsWith("# EOF\n").contains("# TYPE metrics_agent info");

        Tools.Result r = Tools.promtoolCheckMetrics(promtool, Tools.openMetricsAsText(om));

        assertThat(r.output())
                .as("promtool check metrics (OpenMetrics as text)")
                .isEmpty();
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void aRealPrometheusScrapesTheRouteTemplatedSeries() throws Exception {
        Path prometheus = Requirements.tool("prometheus", "Debian package prometheus");
        int port = Tools.freePort();
        Process server = startPrometheus(prometheus, tmp, app.metricsPort(), port);
        try {
            String up = poll(port, "up{job=\"vigil\"}", "\"1\"");
            assertThat(up).contains("\"value\":[").contains(",\"1\"]");
            String items = poll(port, "http_server_requests_seconds_count{uri=\"/items/{id}\"}", "\"2\"");
            assertThat(items).contains("\"status\":\"200\"").contains(",\"2\"]");
            String targets = get(port, "/api/v1/targets");
            assertThat(targets).contains("\"health\":\"up\"").contains("\"lastError\":\"\"");
            // the sample makes no outgoing calls nor gRPC: WebFluxIT and GrpcIT run those panels on real ones
            assertDashboardQueriesRunAndFindData(
                    port, "jvm_threads_virtual", "jvm_gc_pause", "http_client_requests", "grpc_");
        } finally {
            stop(server);
        }
    }

    /** A real Prometheus on {@code port} scraping the agent on {@code target} every second, job {@code vigil}. */
    static Process startPrometheus(Path prometheus, Path tmp, int target, int port) throws Exception {
        Path config = tmp.resolve("prometheus.yml");
        Files.writeString(
                config,
                "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n"
                        + "scrape_configs:\n  - job_name: vigil\n    static_configs:\n"
                        + "      - targets: ['127.0.0.1:" + target + "']\n");
        return new ProcessBuilder(List.of(
                        prometheus.toString(),
                        "--config.file=" + config,
                        "--storage.tsdb.path=" + tmp.resolve("data"),
                        "--web.listen-address=127.0.0.1:" + port))
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("prometheus.log").toFile())
                .start();
    }

    static void stop(Process server) throws InterruptedException {
        server.destroy();
        if (!server.waitFor(10, TimeUnit.SECONDS)) {
            server.destroyForcibly().waitFor();
        }
    }

    /**
     * Every query of the shipped Grafana dashboard is valid PromQL, and the series it reads exist, but for names starting
     * with one of {@code mayBeAbsent}.
     */
    static void assertDashboardQueriesRunAndFindData(int port, String... mayBeAbsent) throws Exception {
        String json = Files.readString(Path.of("dashboards", "vigil-metrics-agent.json"));
        Matcher m = Pattern.compile("\"expr\": \"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
        int queries = 0;
        while (m.find()) {
            String expr = m.group(1)
                    .replace("\\\"", "\"")
                    .replace("$job", "vigil")
                    .replace("$instance", ".*")
                    .replace("$__rate_interval", "1m");
            String answer = get(port, "/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8));
            assertThat(answer).as(expr).contains("\"status\":\"success\"");
            Matcher metric = Pattern.compile("([a-z_]+)\\{").matcher(expr);
            while (metric.find()) {
                String name = metric.group(1);
                // e.g. virtual thread gauges need JDK 24+; GC pause series appear with the first collection
                if (java.util.Arrays.stream(mayBeAbsent).noneMatch(name::startsWith)) {
                    String series =
                            get(port, "/api/v1/series?match[]=" + URLEncoder.encode(name, StandardCharsets.UTF_8));
                    assertThat(series)
                            .as("series %s used by the dashboard", name)
                            .contains("\"__name__\"");
                }
            }
            queries++;
        }
        assertThat(queries).isGreaterThan(10);
    }

    static String poll(int port, String query, String expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                last = get(port, "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
                if (last.contains("\"result\":[{") && last.contains("," + expected + "]")) {
                    return last;
                }
            } catch (java.io.IOException notYetUp) {
                last = notYetUp.toString();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Prometheus never answered " + query + " with " + expected + "; last: " + last);
    }

    private static String get(int port, String pathAndQuery) throws Exception {
        HttpResponse<String> r = SampleApp.HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return r.body();
    }
}
