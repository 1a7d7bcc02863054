package dev.vigil.metrics.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.tools.attach.VirtualMachine;
import dev.vigil.testsupport.Requirements;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Asynchronous servlets are timed until the async cycle ends, with the final status: Tomcat 11 and Jetty 12 (jakarta)
 * and Tomcat 9 (javax), each on Java 17 and Java 25.
 */
class AsyncServletIT {
    static Stream<Arguments> containers() {
        return Stream.of("tomcat11", "jetty12", "tomcat9")
                .flatMap(c -> Stream.of(Arguments.of(c, "17"), Arguments.of(c, "25")));
    }

    @ParameterizedTest(name = "{0} on Java {1}")
    @MethodSource("containers")
    void timesAsyncRequestsToCompletion(String container, String java) throws Exception {
        String home = java.equals("17") ? SampleApp.java17() : SampleApp.java25();
        Requirements.path("java-" + java, Path.of(home, "bin", "java"), "runs the sample app on JDK " + java);
        try (SampleApp app =
                SampleApp.start("async-" + container, home, "port=0", List.of(container), "AsyncApp", List.of(), "0")) {
            assertThat(app.get("/async/slow")).isEqualTo(202);
            assertThat(app.get("/async/timeout")).isEqualTo(500);
            assertThat(app.get("/async/dispatch")).isEqualTo(200);
            assertThat(app.get("/async/error")).isEqualTo(500);

            // an async request is recorded when the container completes it, which may be just after the client
            // got the response: wait for the last one to appear
            String text = scrapeUntil(
                    app,
                    "uri=\"/async/slow\"} 1",
                    "uri=\"/async/timeout\"} 1",
                    "uri=\"/async/dispatch\"} 1",
                    "uri=\"/async/error\"} 1");

            // completed 300 ms later on another thread, with the status set there
            assertThat(text)
                    .contains("http_server_requests_seconds_count{exception=\"none\",method=\"GET\","
                            + "outcome=\"SUCCESS\",status=\"202\",uri=\"/async/slow\"} 1")
                    .doesNotContain("status=\"200\",uri=\"/async/slow\"");
            assertThat(sum(text, "202", "/async/slow")).isGreaterThanOrEqualTo(0.3);
            // timed out after 200 ms: the container's 500, labelled as a time-out
            assertThat(text)
                    .contains("http_server_requests_seconds_count{exception=\"TimeoutException\",method=\"GET\","
                            + "outcome=\"SERVER_ERROR\",status=\"500\",uri=\"/async/timeout\"} 1");
            assertThat(sum(text, "500", "/async/timeout")).isGreaterThanOrEqualTo(0.2);
            // re-dispatched to /plain: one request, under the original route, not counted again as /plain
            assertThat(text)
                    .contains("http_server_requests_seconds_count{exception=\"none\",method=\"GET\","
                            + "outcome=\"SUCCESS\",status=\"200\",uri=\"/async/dispatch\"} 1")
                    .doesNotContain("uri=\"/plain\"")
                    .doesNotContain("uri=\"/throw\"");
            assertThat(sum(text, "200", "/async/dispatch")).isGreaterThanOrEqualTo(0.1);
            // re-dispatched to a servlet that throws: the error of the async cycle
            assertThat(text)
                    .contains("http_server_requests_seconds_count{exception=\"IllegalStateException\","
                            + "method=\"GET\",outcome=\"SERVER_ERROR\",status=\"500\",uri=\"/async/error\"} 1");
        }
    }

    /** {@code agentmain}: the already loaded servlet and filter-chain classes get the Byte Buddy advice instead. */
    @Test
    void timesAsyncRequestsToCompletionAfterRuntimeAttach(@TempDir Path tmp) throws Exception {
        try (SampleApp app = SampleApp.start(
                "async-tomcat11", SampleApp.java17(), null, List.of("tomcat11"), "AsyncApp", List.of(), "0")) {
            assertThat(app.get("/async/slow")).isEqualTo(202); // servlet classes loaded and in use
            Path portFile = tmp.resolve("port");
            VirtualMachine vm = VirtualMachine.attach(Long.toString(app.pid()));
            try {
                vm.loadAgent(SampleApp.AGENT_JAR.toAbsolutePath().toString(), "port=0,portFile=" + portFile);
            } finally {
                vm.detach();
            }
            int metricsPort = Integer.parseInt(Files.readString(portFile).trim());

            assertThat(app.get("/async/slow")).isEqualTo(202);
            assertThat(app.get("/async/dispatch")).isEqualTo(200);
            assertThat(app.get("/async/error")).isEqualTo(500);

            String expected = "uri=\"/async/error\"} 1";
            String text = "";
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!text.contains(expected) && System.nanoTime() < deadline) {
                Thread.sleep(50);
                text = SampleApp.HTTP
                        .send(
                                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body();
            }
            assertThat(text)
                    .contains("http_server_requests_seconds_count{exception=\"none\",method=\"GET\","
                            + "outcome=\"SUCCESS\",status=\"202\",uri=\"/async/slow\"} 1")
                    .contains("http_server_requests_seconds_count{exception=\"none\",method=\"GET\","
                            + "outcome=\"SUCCESS\",status=\"200\",uri=\"/async/dispatch\"} 1")
                    .contains("http_server_requests_seconds_count{exception=\"IllegalStateException\","
                            + "method=\"GET\",outcome=\"SERVER_ERROR\",status=\"500\",uri=\"/async/error\"} 1")
                    .doesNotContain("uri=\"/plain\"");
            assertThat(sum(text, "202", "/async/slow")).isGreaterThanOrEqualTo(0.3);
        }
    }

    private static double sum(String text, String status, String uri) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("http_server_requests_seconds_sum\\{[^}]*status=\""
                        + status + "\",uri=\"" + java.util.regex.Pattern.quote(uri) + "\"} ([0-9.Ee+-]+)")
                .matcher(text);
        assertThat(m.find()).as("sum of %s in\n%s", uri, text).isTrue();
        return Double.parseDouble(m.group(1));
    }

    /** Scrapes until the text contains each of {@code expected} (at most 10 s), then returns the last scrape. */
    static String scrapeUntil(SampleApp app, String... expected) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        String text = app.scrape(null);
        while (!java.util.Arrays.stream(expected).allMatch(text::contains) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            text = app.scrape(null);
        }
        return text;
    }
}
