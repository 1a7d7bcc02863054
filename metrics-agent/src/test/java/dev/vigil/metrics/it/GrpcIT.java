package dev.vigil.metrics.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.tools.attach.VirtualMachine;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real grpc-java server and client over its Netty transport (grpc-netty-shaded 1.85 from Maven Central;
 * {@code src/it/samples/grpc}): Micrometer's gRPC meters by service, method, method type and status code, with
 * {@code -javaagent} on Java 17 and attached at run time on Java 25 while calls are flowing.
 */
class GrpcIT {
    private static final String SERVER = "grpc_server_processing_duration_seconds_count{";
    private static final String CLIENT = "grpc_client_processing_duration_seconds_count{";
    private static final String SAY_OK =
            "{method=\"Say\",method_type=\"UNARY\",service=\"vigil.Echo\",status_code=\"OK\"}";
    private static final String MISSING =
            "{method=\"Missing\",method_type=\"UNARY\",service=\"vigil.Echo\",status_code=\"NOT_FOUND\"}";

    @TempDir
    Path tmp;

    @Test
    void countsEveryServerAndClientCallByMethodAndStatus() throws Exception {
        try (SampleApp app =
                SampleApp.start("grpc", SampleApp.java17(), "port=0", List.of("grpc"), "GrpcApp", List.of(), "0")) {
            String text = app.scrape(null);
            assertThat(SpringBootIT.series(text, SERVER)).containsOnly(Map.entry(SAY_OK, "3"), Map.entry(MISSING, "2"));
            assertThat(SpringBootIT.series(text, CLIENT)).containsOnly(Map.entry(SAY_OK, "3"), Map.entry(MISSING, "2"));
            assertThat(text)
                    .contains("# TYPE grpc_server_processing_duration_seconds summary")
                    .contains("# TYPE grpc_client_processing_duration_seconds summary")
                    .contains("grpc_server_processing_duration_seconds_max{");
            assertThat(app.log()).doesNotContain("[vigil-metrics] WARN");
            Path promtool = Tools.onPath("promtool");
            assumeTrue(promtool != null, "promtool not on PATH (Debian package 'prometheus'): skipping the lint");
            Tools.Result r = Tools.promtoolCheckMetrics(promtool, text);
            assertThat(r.output()).as("promtool check metrics").isEmpty();
            Path prometheus = Tools.onPath("prometheus");
            assumeTrue(prometheus != null, "prometheus not on PATH (Debian package 'prometheus'): skipping the rest");
            int port = Tools.freePort();
            Process server = PrometheusIT.startPrometheus(prometheus, tmp, app.metricsPort(), port);
            try {
                PrometheusIT.poll(
                        port, "grpc_server_processing_duration_seconds_count{status_code=\"NOT_FOUND\"}", "\"2\"");
                // the dashboard's gRPC panels are valid PromQL and find their series (no HTTP in this sample)
                PrometheusIT.assertDashboardQueriesRunAndFindData(
                        port, "http_", "jvm_gc_pause", "jvm_threads_virtual", "executor_");
            } finally {
                PrometheusIT.stop(server);
            }
        }
    }

    @Test
    void attachedAtRunTimeWhileCallsAreFlowing() throws Exception {
        String home = SampleApp.java25();
        assumeTrue(Files.isExecutable(Path.of(home, "bin", "java")), "no JDK 25 at " + home);
        try (SampleApp app =
                SampleApp.start("grpc", home, null, List.of("grpc"), "GrpcApp", List.of(), "0 keep-calling")) {
            Path portFile = tmp.resolve("port");
            VirtualMachine vm = VirtualMachine.attach(Long.toString(app.pid()));
            try {
                vm.loadAgent(SampleApp.AGENT_JAR.toAbsolutePath().toString(), "port=0,portFile=" + portFile);
            } finally {
                vm.detach();
            }
            int metricsPort = Integer.parseInt(Files.readString(portFile).trim());
            String text = "";
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline
                    && !(SpringBootIT.series(text, SERVER).containsKey(SAY_OK)
                            && SpringBootIT.series(text, CLIENT).containsKey(SAY_OK))) {
                Thread.sleep(300);
                text = SampleApp.HTTP
                        .send(
                                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body();
            }
            // the calls made after the attach, by the classes loaded before it; the NOT_FOUND ones came earlier
            assertThat(SpringBootIT.series(text, SERVER)).containsKey(SAY_OK).doesNotContainKey(MISSING);
            assertThat(SpringBootIT.series(text, CLIENT)).containsKey(SAY_OK).doesNotContainKey(MISSING);
            assertThat(app.isAlive()).isTrue();
            assertThat(app.log()).doesNotContain("[vigil-metrics] WARN").doesNotContain("Exception");
        }
    }
}
