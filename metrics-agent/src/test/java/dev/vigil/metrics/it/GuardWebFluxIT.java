package dev.vigil.metrics.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.metrics.agent.guard.FalcoShape;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime guard in a Spring Boot 4 WebFlux application on Reactor Netty ({@code src/it/samples/spring-webflux}):
 * a handler running a command from a query parameter is {@code process-in-request} with WebFlux's route template and
 * method, in the handler itself (event loop), after {@code publishOn} and with {@code subscribeOn}; block mode stops
 * the process with a {@code SecurityException} (500) and the application keeps serving. Its start-up command and an
 * ordinary request are no events.
 */
class GuardWebFluxIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MAIN = "sample.webflux.SpringWebFluxApp";
    private static final List<String> ROUTES = List.of("/run/{tool}", "/run-later/{tool}", "/run-on/{tool}");

    @TempDir
    Path tmp;

    @Test
    void detectModeNamesTheWebFluxRouteAndMethodAlsoAfterASchedulerHop() throws Exception {
        try (SampleApp app = start(SampleApp.java17(), "port=0,guard=detect")) {
            assertThat(app.log()).contains("start-up command exit 0");
            assertThat(app.body("/fast/7")).isEqualTo("7");
            assertThat(events(app))
                    .as("start-up command and an ordinary request")
                    .isEmpty();

            List<Path> markers = new ArrayList<>();
            for (String route : ROUTES) {
                Path marker = tmp.resolve("ran-" + markers.size());
                markers.add(marker);
                HttpResponse<String> r = get(app, route.replace("{tool}", "sh") + "?cmd=" + enc("touch " + marker));
                assertThat(r.statusCode()).as(route + ": " + r.body()).isEqualTo(200);
                assertThat(r.body()).isEqualTo("sh exit 0");
            }

            List<JsonNode> events = events(app);
            assertThat(events)
                    .extracting(
                            e -> e.get("rule").asText() + " " + field(e, "http.method") + " " + field(e, "http.route"))
                    .containsExactly(
                            "process-in-request GET /run/{tool}",
                            "process-in-request GET /run-later/{tool}",
                            "process-in-request GET /run-on/{tool}");
            assertThat(field(events.get(0), "thread.name")).startsWith("reactor-http-");
            assertThat(field(events.get(1), "thread.name")).startsWith("boundedElastic-");
            assertThat(field(events.get(2), "thread.name")).startsWith("parallel-");
            assertThat(events)
                    .allSatisfy(e -> assertThat(field(e, "proc.cmdline")).startsWith("/bin/sh -c touch "));
            assertThat(markers)
                    .allSatisfy(
                            m -> assertThat(m).as("detect mode changes nothing").exists());

            assertThat(app.body("/fast/8")).isEqualTo("8");
            assertThat(events(app))
                    .as("the request context does not outlive its request")
                    .hasSize(3);
        }
    }

    @Test
    void blockModeAnswers500AndStartsNoProcess() throws Exception {
        try (SampleApp app = start(SampleApp.java25(), "port=0,guard=block")) {
            for (String route : ROUTES) {
                Path marker = tmp.resolve("blocked-" + route.length());
                HttpResponse<String> r = get(app, route.replace("{tool}", "sh") + "?cmd=" + enc("touch " + marker));
                assertThat(r.statusCode()).as(route).isEqualTo(500);
                assertThat(marker).doesNotExist();
            }
            assertThat(app.log())
                    .contains("java.lang.SecurityException: blocked by the Vigil runtime guard, rule "
                            + "process-in-request");
            assertThat(events(app)).extracting(e -> field(e, "http.route")).containsExactlyElementsOf(ROUTES);
            assertThat(events(app)).allSatisfy(e -> assertThat(tags(e)).contains("blocked"));
            assertThat(app.body("/fast/9")).isEqualTo("9");
            assertThat(app.scrape(null))
                    .contains("vigil_guard_events_total{action=\"blocked\",priority=\"Critical\","
                            + "rule=\"process-in-request\"} 3.0");
        }
    }

    private static SampleApp start(String javaHome, String agentArgs) throws Exception {
        return SampleApp.start("spring-webflux", javaHome, agentArgs, List.of("boot4-webflux"), MAIN, List.of(), "0");
    }

    private static HttpResponse<String> get(SampleApp app, String path) throws Exception {
        return app.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                        .timeout(SampleApp.REQUEST_TIMEOUT)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static List<JsonNode> events(SampleApp app) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line :
                app.log().lines().filter(l -> l.startsWith("{\"time\"")).toList()) {
            out.add(FalcoShape.check(JSON.readTree(line)));
        }
        return out;
    }

    private static String field(JsonNode e, String name) {
        Map<String, String> out = new HashMap<>();
        e.get("output_fields")
                .properties()
                .forEach(f -> out.put(f.getKey(), f.getValue().asText()));
        return out.get(name);
    }

    private static List<String> tags(JsonNode e) {
        List<String> out = new ArrayList<>();
        e.get("tags").forEach(t -> out.add(t.asText()));
        return out;
    }
}
