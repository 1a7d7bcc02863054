package dev.vigil.metrics.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testsupport.Requirements;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Outgoing {@code java.net.http.HttpClient} calls, timed by host only, on Java 17 and 25. */
class HttpClientIT {
    @ParameterizedTest(name = "Java {0}")
    @ValueSource(strings = {"17", "25"})
    void timesOutgoingCallsByHostOnly(String java) throws Exception {
        String home = java.equals("17") ? SampleApp.java17() : SampleApp.java25();
        Requirements.path("java-" + java, Path.of(home, "bin", "java"), "runs the sample app on JDK " + java);
        try (SampleApp app = SampleApp.start("client", home, "port=0", List.of(), "ClientApp", List.of(), "0")) {
            String text = app.scrape(null);

            assertThat(text)
                    .contains("http_client_requests_seconds_count{client_name=\"127.0.0.1\",exception=\"none\","
                            + "method=\"GET\",outcome=\"SUCCESS\",status=\"200\"} 3")
                    .contains("http_client_requests_seconds_count{client_name=\"127.0.0.1\",exception=\"none\","
                            + "method=\"GET\",outcome=\"CLIENT_ERROR\",status=\"404\"} 1")
                    .doesNotContain("/a/1")
                    .doesNotContain("/missing");
            assertThat(app.log()).doesNotContain("WARN");
        }
    }
}
