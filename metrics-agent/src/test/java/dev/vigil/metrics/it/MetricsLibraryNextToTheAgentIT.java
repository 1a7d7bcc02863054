package dev.vigil.metrics.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * An application that has the vigil-metrics library on its class path and uses it in code, started with the agent: the
 * agent's copy of the library is relocated ({@code dev.vigil.metrics.shaded.dev.vigil.metrics}, compiled against the
 * relocated Micrometer), so the two copies never meet: no linkage error, and each endpoint serves exactly what its
 * owner recorded.
 */
class MetricsLibraryNextToTheAgentIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void theApplicationsLibraryAndTheAgentEachServeTheirOwnMeters() throws Exception {
        try (SampleApp app = SampleApp.start(
                "library",
                SampleApp.java17(),
                // guard=detect: binding the guard counter hands the agent's registry type across, which failed with
                // NoSuchMethodError while the agent jar carried the library unrelocated (checked by hand against the
                // pre-split jar)
                "port=0,coexist=both,guard=detect",
                List.of("jetty12", "library"),
                "LibraryApp",
                List.of("jetty12"),
                "0")) {
            for (int i = 0; i < 4; i++) {
                assertThat(app.get("/items/" + i)).isEqualTo(200);
            }
            String log = app.log();
            assertThat(log)
                    .contains("app copy from file:")
                    .containsPattern("app copy from \\S*/it-lib/library/vigil-metrics-[^/]*\\.jar")
                    .containsPattern("agent copy from \\S*metrics-agent\\.jar")
                    .contains("[vigil-metrics] runtime guard on (detect)")
                    .contains("[vigil-metrics] serving metrics on")
                    .doesNotContain("LinkageError")
                    .doesNotContain("ClassCastException")
                    .doesNotContain("NoSuchMethodError")
                    .doesNotContain("NoClassDefFoundError")
                    .doesNotContain("[vigil-metrics] WARN");

            // the agent: the servlet requests it measured, nothing the application recorded by hand
            String agent = app.scrape(null);
            assertThat(count(agent, "/items/{id}", "200")).isEqualTo(4);
            assertThat(agent).doesNotContain("/orders/{id}").doesNotContain("orders_placed_total");

            // the application's own endpoint: what it recorded through the library, nothing the agent measured
            Matcher port = Pattern.compile("library endpoint (\\d+)").matcher(log);
            assertThat(port.find()).as("library endpoint port in the log").isTrue();
            String library = get("http://127.0.0.1:" + port.group(1) + "/metrics");
            assertThat(library).contains("orders_placed_total 3.0");
            assertThat(count(library, "/orders/{id}", "200")).isEqualTo(1);
            assertThat(count(library, "/orders/{id}", "404")).isEqualTo(1);
            assertThat(library).doesNotContain("/items/{id}");
            assertThat(app.isAlive()).isTrue();
        }
    }

    private static int count(String text, String uri, String status) {
        Matcher m = Pattern.compile("(?m)^http_server_requests_seconds_count\\{(.*)} (\\S+)$")
                .matcher(text);
        double total = 0;
        while (m.find()) {
            if (m.group(1).contains("uri=\"" + uri + "\"") && m.group(1).contains("status=\"" + status + "\"")) {
                total += Double.parseDouble(m.group(2));
            }
        }
        return (int) total;
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(SampleApp.REQUEST_TIMEOUT)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("GET %s", url).isEqualTo(200);
        return r.body();
    }
}
