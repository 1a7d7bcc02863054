package dev.vigil.metrics.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The packaged agent on real servlet containers, javax and jakarta, on Java 17 and Java 25. */
class ServletContainersIT {
    static Stream<Arguments> containers() {
        return Stream.of("tomcat11", "jetty12", "tomcat9")
                .flatMap(c -> Stream.of(Arguments.of(c, "17"), Arguments.of(c, "25")));
    }

    @ParameterizedTest(name = "{0} on Java {1}")
    @MethodSource("containers")
    void recordsRouteTemplatedRequestsAndJvmMetrics(String container, String java) throws Exception {
        String home = java.equals("17") ? SampleApp.java17() : SampleApp.java25();
        assumeTrue(Files.isExecutable(Path.of(home, "bin", "java")), "no JDK " + java + " at " + home);
        try (SampleApp app = SampleApp.start(container, home, "port=0")) {
            // first, so that the exemplar sampler's rate limit (one sample per 90 ms) has not been used yet
            assertThat(app.get("/healthz", "traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"))
                    .isEqualTo(200);
            assertThat(app.get("/items/42")).isEqualTo(200);
            assertThat(app.get("/items/43?secret=x")).isEqualTo(200);
            assertThat(app.get("/healthz")).isEqualTo(200);
            assertThat(app.get("/boom")).isEqualTo(500);
            assertThat(app.get("/secure/5")).isEqualTo(401);

            String text = app.scrape(null);

            assertThat(text)
                    .contains("http_server_requests_seconds_count{exception=\"none\",method=\"GET\","
                            + "outcome=\"SUCCESS\",status=\"200\",uri=\"/items/{id}\"} 2")
                    .contains("uri=\"/healthz\"")
                    .contains("exception=\"IllegalStateException\",method=\"GET\",outcome=\"SERVER_ERROR\","
                            + "status=\"500\",uri=\"/boom\"")
                    .contains("http_server_requests_seconds_count{exception=\"none\",method=\"GET\","
                            + "outcome=\"CLIENT_ERROR\",status=\"401\",uri=\"/secure/{id}\"} 1")
                    .contains("http_server_requests_seconds_bucket{")
                    .contains("jvm_memory_used_bytes{")
                    .contains("jvm_gc_")
                    .contains("jvm_threads_live_threads")
                    .contains("process_cpu_usage")
                    .contains("metrics_agent_info{version=")
                    .doesNotContain("/items/42")
                    .doesNotContain("secret");
            if (java.equals("25")) {
                assertThat(text).contains("jvm_threads_virtual_parallelism_threads");
            }
            assertThat(app.log()).contains("[vigil-metrics] serving metrics on http://127.0.0.1:");
            assertThat(app.scrape("application/openmetrics-text; version=1.0.0"))
                    .containsPattern("uri=\"/healthz\",le=\"[0-9.]+\"} [0-9]+ # \\{span_id=\"b7ad6b7169203331\","
                            + "trace_id=\"0af7651916cd43dd8448eb211c80319c\"}");
        }
    }
}
