package dev.vigil.metrics.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The threads the agent adds to an application, by name: the same Jetty 12 sample with and without the agent, after
 * requests carrying a sampled W3C trace context (so exemplars are taken) and an OpenMetrics scrape that shows them.
 * Only the JDK HTTP server's two threads may appear; the Prometheus client's exemplar scheduler must not.
 */
class AgentThreadsIT {
    private static final String TRACE = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    private static final Pattern NAME = Pattern.compile("^\"([^\"]+)\"", Pattern.MULTILINE);

    @Test
    void theAgentAddsOnlyTheEndpointsTwoThreadsWithExemplarsOn() throws Exception {
        Set<String> without;
        try (SampleApp app = SampleApp.start("jetty12", SampleApp.java17(), null)) {
            exercise(app);
            without = threadNames(app);
        }
        try (SampleApp app = SampleApp.start("jetty12", SampleApp.java17(), "port=0")) {
            exercise(app);
            String openMetrics = app.scrape("application/openmetrics-text; version=1.0.0");
            assertThat(openMetrics)
                    .as("exemplars are on by default and were sampled")
                    .contains("# {span_id=\"b7ad6b7169203331\",trace_id=\"0af7651916cd43dd8448eb211c80319c\"}");
            Set<String> added = new TreeSet<>(threadNames(app));
            added.removeAll(without);
            assertThat(added)
                    .as("threads added by the agent")
                    .isSubsetOf("HTTP-Dispatcher", "idle-timeout-task")
                    .doesNotContain("prometheus-metrics-scheduler");
            assertThat(threadNames(app)).contains("HTTP-Dispatcher");
        }
    }

    private static void exercise(SampleApp app) throws Exception {
        for (int i = 0; i < 20; i++) {
            assertThat(app.get("/items/" + i, "traceparent", TRACE)).isEqualTo(200);
            Thread.sleep(10); // exemplars are taken at most once per sample interval (90 ms)
        }
    }

    /** Thread names of the child JVM by {@code jcmd Thread.print}, digits and hashes folded. */
    private static Set<String> threadNames(SampleApp app) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Path out = Files.createTempFile("threads", ".txt");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(app.pid()), "Thread.print")
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("jcmd finished").isTrue();
        String dump = Files.readString(out);
        Set<String> names = new TreeSet<>();
        Matcher m = NAME.matcher(dump);
        while (m.find()) {
            // identity hashes (Jetty's connector threads: "...acceptor-0@6d2a209c-ServerConnector@1b4fb997...") and
            // numbers differ from run to run
            names.add(m.group(1).replaceAll("@[0-9a-fA-F]+", "@H").replaceAll("\\d+", "N"));
        }
        assertThat(names).as("thread dump of %s:%n%s", app.pid(), dump).contains("main");
        return names;
    }
}
