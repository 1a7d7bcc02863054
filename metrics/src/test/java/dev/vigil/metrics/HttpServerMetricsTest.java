package dev.vigil.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpServerMetricsTest {
    @Test
    void foldsRoutesBeyondTheCapIntoOtherAndCountsThem() {
        try (VigilMetrics m = VigilMetrics.create(MetricsConfig.parse("maxRoutes=3,jvm=false", Map.of(), Map.of()))) {
            for (int i = 0; i < 10; i++) {
                m.httpServer().record("GET", "/r" + (char) ('a' + i), 200, null, 1000);
            }
            assertThat(m.registry().find("http.server.requests").timers()).hasSize(4);
            assertThat(m.registry()
                            .get("http.server.requests")
                            .tag("uri", HttpServerMetrics.OVERFLOW_URI)
                            .timer()
                            .count())
                    .isEqualTo(7);
            assertThat(m.registry()
                            .get(VigilMetrics.DROPPED)
                            .tag("reason", "uri")
                            .counter()
                            .count())
                    .isEqualTo(7);
        }
    }

    @Test
    void marksExceptionsAsServerErrorsAndUnknownMethods() {
        try (VigilMetrics m = VigilMetrics.create(MetricsConfig.parse("jvm=false", Map.of(), Map.of()))) {
            m.httpServer().record("BREW", "/pot", 200, new IllegalStateException(), 1000);
            assertThat(m.registry()
                            .get("http.server.requests")
                            .tags("method", "UNKNOWN", "status", "500", "outcome", "SERVER_ERROR")
                            .tag("exception", "IllegalStateException")
                            .timer()
                            .count())
                    .isEqualTo(1);
        }
    }

    @Test
    void capsSeriesPerMetricForOtherMeters() {
        try (VigilMetrics m =
                VigilMetrics.create(MetricsConfig.parse("maxSeriesPerMetric=5,jvm=false", Map.of(), Map.of()))) {
            for (int i = 0; i < 20; i++) {
                m.registry().counter("app.hits", "user", "u" + i).increment();
            }
            assertThat(m.registry().find("app.hits").counters()).hasSize(5);
            assertThat(m.registry()
                            .get(VigilMetrics.DROPPED)
                            .tag("reason", "series_cap")
                            .counter()
                            .count())
                    .isEqualTo(15);
        }
    }

    @Test
    void renamesToOpenTelemetryConventions() {
        try (VigilMetrics m = VigilMetrics.create(MetricsConfig.parse("naming=otel,jvm=false", Map.of(), Map.of()))) {
            m.httpServer().record("GET", "/items/{id}", 200, null, 1000);
            assertThat(m.registry().scrape())
                    .contains("http_server_request_duration_seconds_count{error_type=\"none\","
                            + "http_request_method=\"GET\",http_response_status_code=\"200\","
                            + "http_route=\"/items/{id}\"} 1");
        }
    }

    @Test
    void openTelemetryNamesKeepGaugesOffTheCountSuffixSoPromtoolStaysClean() throws Exception {
        try (VigilMetrics m = VigilMetrics.create(MetricsConfig.parse("naming=otel", Map.of(), Map.of()))) {
            m.httpServer().record("GET", "/items/{id}", 200, null, 1000);
            String text = m.registry().scrape();
            assertThat(text).contains("# TYPE jvm_cpu_count_cpus gauge", "jvm_thread_count");
            assertThat(text.lines().filter(l -> l.startsWith("# TYPE ") && l.endsWith(" gauge")))
                    .as("promtool: a gauge must not end in _count")
                    .noneMatch(l -> l.split(" ")[2].endsWith("_count"));
            java.nio.file.Path promtool = java.nio.file.Path.of("/usr/bin/promtool");
            if (java.nio.file.Files.isExecutable(promtool)) {
                Process p = new ProcessBuilder(promtool.toString(), "check", "metrics")
                        .redirectErrorStream(true)
                        .start();
                p.getOutputStream().write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                p.getOutputStream().close();
                String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                assertThat(p.waitFor()).as(out).isZero();
                assertThat(out).isEmpty();
            }
        }
    }

    @Test
    void appliesAllowAndDenyLists() {
        try (VigilMetrics m =
                VigilMetrics.create(MetricsConfig.parse("allow=jvm_|http,deny=jvm_gc", Map.of(), Map.of()))) {
            String text = m.registry().scrape();
            assertThat(text)
                    .contains("jvm_memory_used_bytes", "metrics_agent_info")
                    .doesNotContain("jvm_gc_", "process_");
        }
    }
}
