package dev.vigil.metrics.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testsupport.Requirements;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Outgoing {@code java.net.HttpURLConnection} calls (host only, each counted once) and thread pools (named, completed,
 * rejected), from the {@code pools} sample on Java 17 and 25.
 */
class PoolsIT {
    private static final String CLIENT = "http_client_requests_seconds_count{client_name=\"";

    @ParameterizedTest(name = "Java {0}")
    @ValueSource(strings = {"17", "25"})
    void timesUrlConnectionsAndMeasuresThreadPools(String java) throws Exception {
        String home = java.equals("17") ? SampleApp.java17() : SampleApp.java25();
        Requirements.path("java-" + java, Path.of(home, "bin", "java"), "runs the sample app on JDK " + java);
        try (SampleApp app = SampleApp.start("pools", home, "port=0", List.of(), "PoolsApp", List.of(), "0")) {
            String text = app.scrape(null);

            assertThat(text)
                    .contains(CLIENT + "127.0.0.1\",exception=\"none\",method=\"GET\",outcome=\"SUCCESS\","
                            + "status=\"200\"} 3\n")
                    .contains(CLIENT + "127.0.0.1\",exception=\"none\",method=\"POST\",outcome=\"SUCCESS\","
                            + "status=\"200\"} 1\n")
                    .contains(CLIENT + "127.0.0.1\",exception=\"none\",method=\"GET\",outcome=\"CLIENT_ERROR\","
                            + "status=\"404\"} 2\n")
                    .contains(CLIENT + "127.0.0.1\",exception=\"ConnectException\",method=\"GET\","
                            + "outcome=\"UNKNOWN\",status=\"CLIENT_ERROR\"} 1\n")
                    // https goes through HttpsURLConnectionImpl and its delegate: still one measurement each
                    .contains(CLIENT + "localhost\",exception=\"ConnectException\",method=\"GET\","
                            + "outcome=\"UNKNOWN\",status=\"CLIENT_ERROR\"} 1\n")
                    .contains(CLIENT + "localhost\",exception=\"none\",method=\"GET\",outcome=\"SUCCESS\","
                            + "status=\"200\"} 1\n")
                    .doesNotContain("/a/1")
                    .doesNotContain("token")
                    .doesNotContain("/missing")
                    .doesNotContain("/submit")
                    .doesNotContain("/secure");
            assertThat(count(text, "http_client_requests_seconds_count\\{")).isEqualTo(6);

            assertThat(text)
                    .contains("executor_completed_tasks_total{name=\"orders-worker\"} 25.0\n")
                    .contains("executor_rejected_tasks_total{name=\"tiny\"} 3.0\n")
                    .contains("executor_rejected_tasks_total{name=\"orders-worker\"} 0.0\n")
                    .contains("executor_completed_tasks_total{name=\"tiny\"} 1.0\n")
                    .contains("executor_active_threads{name=\"orders-worker\"} 0.0\n")
                    .contains("executor_queued_tasks{name=\"tiny\"} 0.0\n")
                    .contains("executor_pool_core_threads{name=\"orders-worker\"} 2.0\n")
                    .contains("executor_pool_max_threads{name=\"tiny\"} 1.0\n")
                    .contains("executor_queue_remaining_tasks{name=\"tiny\"} 0.0\n")
                    .contains("executor_pool_size_threads{name=\"ticker\"} 1.0\n");
            // 300 pools created one per "request" by PoolsApp: one series, named after the creating class; the
            // agent's own pools (the Prometheus client's exemplar scheduler) are not listed; the JDK's reaper of the
            // keytool child process is named by its role, not folded into PoolsApp, which happened to start it
            assertThat(names(text)).containsExactly("PoolsApp", "orders-worker", "process-reaper", "ticker", "tiny");
            assertThat(app.log()).doesNotContain("WARN");

            Path promtool = Requirements.tool("promtool", "Debian package prometheus");
            Tools.Result r = Tools.promtoolCheckMetrics(promtool, text);
            assertThat(r.output()).as("promtool check metrics").isEmpty();
            assertThat(r.exitCode()).isZero();
        }
    }

    @Test
    void optionsTurnBothOff() throws Exception {
        try (SampleApp app = SampleApp.start(
                "pools",
                SampleApp.java17(),
                "port=0,executors=false,httpClient=false",
                List.of(),
                "PoolsApp",
                List.of(),
                "0")) {
            String text = app.scrape(null);
            assertThat(text).doesNotContainPattern("(?m)^executor_").doesNotContain("http_client_requests");
            assertThat(text).contains("# TYPE jvm_threads_live_threads gauge"); // the agent runs
        }
    }

    @Test
    void tomcatsRequestThreadPoolIsNamedAfterItsThreadPrefix() throws Exception {
        try (SampleApp app = SampleApp.start("tomcat11", SampleApp.java17(), "port=0")) {
            assertThat(app.get("/items/1")).isEqualTo(200);
            String text = app.scrape(null);
            // Tomcat's own org.apache.tomcat.util.threads.ThreadPoolExecutor, threads "http-nio-auto-1-exec-N"
            assertThat(text)
                    .contains("executor_pool_max_threads{name=\"http-nio-auto-exec\"} 200.0\n")
                    .contains("executor_rejected_tasks_total{name=\"http-nio-auto-exec\"} 0.0\n")
                    .containsPattern("executor_completed_tasks_total\\{name=\"http-nio-auto-exec\"} [1-9]");
        }
    }

    @Test
    void jettysQueuedThreadPoolIsRead() throws Exception {
        try (SampleApp app = SampleApp.start("jetty12", SampleApp.java17(), "port=0")) {
            assertThat(app.get("/items/1")).isEqualTo(200);
            String text = app.scrape(null);
            assertThat(text)
                    .contains("executor_pool_max_threads{name=\"qtp\"} 200.0\n")
                    .contains("executor_pool_core_threads{name=\"qtp\"} 8.0\n")
                    .contains("executor_queued_tasks{name=\"qtp\"} 0.0\n")
                    .containsPattern("executor_active_threads\\{name=\"qtp\"} [1-9]")
                    .doesNotContain("executor_completed_tasks_total{name=\"qtp\"}");
        }
    }

    private static Set<String> names(String text) {
        Set<String> out = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^executor_active_threads\\{name=\"([^\"]*)\"}")
                .matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile("(?m)^" + regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
