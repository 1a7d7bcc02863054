package dev.vigil.metrics.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.tools.attach.VirtualMachine;
import java.net.InetAddress;
import java.net.ServerSocket;
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
 * A Spring Boot 4 WebFlux application on Reactor Netty ({@code src/it/samples/spring-webflux}): with {@code -javaagent}
 * on Java 25, and attached at run time on Java 17 after its WebFlux and Reactor Netty client classes were in use.
 * The agent records {@code http_server_requests_seconds} with WebFlux's best matching pattern as {@code uri} and the
 * same series as Actuator's own, and Reactor Netty {@code HttpClient} calls as {@code http_client_requests_seconds}.
 */
class WebFluxIT {
    private static final String MAIN = "sample.webflux.SpringWebFluxApp";
    private static final String LIB = "boot4-webflux";
    private static final String SERVER = "http_server_requests_seconds_count{";
    private static final String CLIENT = "http_client_requests_seconds_count{";
    private static final String OK_CALL =
            "{client_name=\"localhost\",exception=\"none\",method=\"GET\",outcome=\"SUCCESS\",status=\"200\"}";
    /** A refused connection: labelled as the JDK's clients label it (Netty's AnnotatedConnectException is one). */
    private static final String REFUSED_CALL =
            "{client_name=\"127.0.0.1\",exception=\"ConnectException\",method=\"GET\","
                    + "outcome=\"UNKNOWN\",status=\"CLIENT_ERROR\"}";

    @TempDir
    Path tmp;

    @Test
    void recordsTheSameServerSeriesAsActuatorAndTheReactorNettyClient() throws Exception {
        String home = SampleApp.java25();
        assumeTrue(Files.isExecutable(Path.of(home, "bin", "java")), "no JDK 25 at " + home);
        try (SampleApp app =
                SampleApp.start("spring-webflux", home, "port=0,coexist=agent", List.of(LIB), MAIN, List.of(), "0")) {
            requests(app);
            String text = app.scrape(null);
            Map<String, String> own = SpringBootIT.series(app.body("/actuator/prometheus"), SERVER);
            // the same routes, statuses, outcomes, exceptions and counts as WebFlux's own observation
            assertThat(SpringBootIT.series(text, SERVER))
                    .isEqualTo(own)
                    .containsEntry(
                            "{error=\"none\",exception=\"none\",method=\"GET\",outcome=\"SUCCESS\",status=\"200\","
                                    + "uri=\"/items/{id}\"}",
                            "3")
                    .containsEntry(
                            "{error=\"IllegalStateException\",exception=\"IllegalStateException\",method=\"GET\","
                                    + "outcome=\"SERVER_ERROR\",status=\"500\",uri=\"/boom\"}",
                            "1")
                    .containsEntry(
                            "{error=\"UnsupportedOperationException\",exception=\"UnsupportedOperationException\","
                                    + "method=\"GET\",outcome=\"SERVER_ERROR\",status=\"500\",uri=\"/thrown\"}",
                            "1");
            assertThat(SpringBootIT.series(text, CLIENT)).isEqualTo(Map.of(OK_CALL, "1", REFUSED_CALL, "1"));
            assertThat(text)
                    .contains("http_server_requests_seconds_bucket{error=\"none\"")
                    .doesNotContain("/refused")
                    .doesNotContain("secret")
                    .doesNotContain("/items/1")
                    .doesNotContain("/items/7")
                    .doesNotContain("/nope");
            Path promtool = Tools.onPath("promtool");
            assumeTrue(promtool != null, "promtool not on PATH (Debian package 'prometheus'): skipping the rest");
            Tools.Result r = Tools.promtoolCheckMetrics(promtool, text);
            assertThat(r.output()).as("promtool check metrics").isEmpty();
            Path prometheus = Tools.onPath("prometheus");
            assumeTrue(prometheus != null, "prometheus not on PATH (Debian package 'prometheus'): skipping the rest");
            int port = Tools.freePort();
            Process server = PrometheusIT.startPrometheus(prometheus, tmp, app.metricsPort(), port);
            try {
                PrometheusIT.poll(port, "http_client_requests_seconds_count{client_name=\"localhost\"}", "\"1\"");
                PrometheusIT.poll(port, "http_server_requests_seconds_count{uri=\"/items/{id}\"}", "\"3\"");
                // every panel of the shipped dashboard, the outgoing-call ones included, finds its series here
                PrometheusIT.assertDashboardQueriesRunAndFindData(port, "jvm_gc_pause", "grpc_");
            } finally {
                PrometheusIT.stop(server);
            }
            assertThat(app.log())
                    .doesNotContain(
                            "[vigil-metrics] WARN", "already registered", "registered meter of a different type");
        }
    }

    @Test
    void attachedAtRunTimeAfterWebFluxAndTheClientWereInUse() throws Exception {
        try (SampleApp app =
                SampleApp.start("spring-webflux", SampleApp.java17(), null, List.of(LIB), MAIN, List.of(), "0")) {
            assertThat(app.get("/items/1")).isEqualTo(200);
            assertThat(app.body("/call?to=http://localhost:" + app.port() + "/items/7"))
                    .isEqualTo("200");
            Path portFile = tmp.resolve("port");
            VirtualMachine vm = VirtualMachine.attach(Long.toString(app.pid()));
            try {
                vm.loadAgent(
                        SampleApp.AGENT_JAR.toAbsolutePath().toString(), "port=0,coexist=agent,portFile=" + portFile);
            } finally {
                vm.detach();
            }
            int metricsPort = Integer.parseInt(Files.readString(portFile).trim());

            assertThat(app.get("/items/2")).isEqualTo(200);
            assertThat(app.get("/boom")).isEqualTo(500);
            assertThat(app.body("/call?to=http://localhost:" + app.port() + "/items/8"))
                    .isEqualTo("200");
            refusedCall(app);
            String text = app.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics"))
                                    .timeout(SampleApp.REQUEST_TIMEOUT)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            assertThat(SpringBootIT.series(text, SERVER))
                    .containsEntry(
                            "{error=\"none\",exception=\"none\",method=\"GET\",outcome=\"SUCCESS\",status=\"200\","
                                    + "uri=\"/items/{id}\"}",
                            "2") // /items/2 and the client's /items/8
                    .containsEntry(
                            "{error=\"IllegalStateException\",exception=\"IllegalStateException\",method=\"GET\","
                                    + "outcome=\"SERVER_ERROR\",status=\"500\",uri=\"/boom\"}",
                            "1");
            assertThat(SpringBootIT.series(text, CLIENT)).isEqualTo(Map.of(OK_CALL, "1", REFUSED_CALL, "1"));
            assertThat(app.log())
                    .doesNotContain(
                            "[vigil-metrics] WARN", "already registered", "registered meter of a different type");

            // a request that gets no answer fails the test with the sample app's thread dump (for hangs in CI): here
            // the app's client waits for a peer that accepts the connection and never answers
            try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
                HttpRequest call = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port()
                                + "/call?to=http://127.0.0.1:" + silent.getLocalPort() + "/silent"))
                        .timeout(Duration.ofSeconds(2))
                        .build();
                assertThatThrownBy(() -> app.send(call, HttpResponse.BodyHandlers.ofString()))
                        .isInstanceOf(AssertionError.class)
                        .hasMessageContaining("got no answer in PT2S")
                        .hasMessageContaining("Full thread dump")
                        .hasMessageContaining("reactor-http-");
            }
        }
    }

    private static void requests(SampleApp app) throws Exception {
        assertThat(app.get("/items/1")).isEqualTo(200);
        assertThat(app.get("/items/2")).isEqualTo(200);
        assertThat(app.get("/boom")).isEqualTo(500);
        assertThat(app.get("/thrown")).isEqualTo(500);
        assertThat(app.get("/nope/42")).isEqualTo(404);
        assertThat(app.body("/call?to=http://localhost:" + app.port() + "/items/7"))
                .isEqualTo("200");
        refusedCall(app);
    }

    /** A call to a closed loopback port: the connection is refused, no request is ever sent. */
    private static void refusedCall(SampleApp app) throws Exception {
        int closed = Tools.freePort();
        assertThat(app.body("/call?to=http://127.0.0.1:" + closed + "/refused?token=secret"))
                .endsWith("ConnectException");
    }
}
