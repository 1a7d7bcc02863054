package dev.vigil.metrics.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testsupport.Requirements;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The agent on real Spring Boot MVC applications with Actuator ({@code src/it/samples/spring-web}): Boot 3.5 and 4.0,
 * with and without {@code micrometer-registry-prometheus}, Boot 4 on Java 25. Each class path is built by a real Maven
 * resolution of the starters ({@code src/it/spring}).
 *
 * <ul>
 *   <li>by default ({@code coexist=app}) the application's meters are the ones served, as the application counts them:
 *       meters counted during start-up, before any scrape, are there on the first scrape; Boot's
 *       {@code http_server_requests_seconds} keeps its type (a summary) and tags, and the agent's own histogram of
 *       that name is gone, so one name has one definition;
 *   <li>with {@code coexist=agent} the agent records HTTP itself, with Boot's tag set ({@code error} included) and the
 *       exception Spring wrapped in a {@code ServletException} unwrapped (sync and async), a handled exception named;
 *       GC pauses and allocations count from start; the CPU gauges are real on the first scrape; the JDK's process
 *       reaper pool is named by its role, not after Boot's {@code ApplicationPid}.
 * </ul>
 */
class SpringBootIT {
    private static final String MAIN = "sample.spring.SpringWebApp";
    private static final String HTTP_COUNT = "http_server_requests_seconds_count{";

    @ParameterizedTest(name = "{0} on Java {1}")
    @CsvSource({"boot3-web-prom, 17", "boot4-web, 25"})
    void applicationMetersWinByDefault(String lib, String java) throws Exception {
        try (SampleApp app = start(lib, java, "port=0")) {
            String first = app.scrape(null);
            // counted by the application before any scrape (global registry and Boot's registry bean)
            assertThat(first)
                    .contains("\nvigil_it_global_startup_total 2.0\n")
                    .contains("\nvigil_it_bean_startup_total 2.0\n");

            requests(app);
            String text = app.scrape(null);
            assertThat(series(text, HTTP_COUNT))
                    .containsEntry(
                            "{error=\"none\",exception=\"none\",method=\"GET\",outcome=\"SUCCESS\",status=\"200\","
                                    + "uri=\"/items/{id}\"}",
                            "2")
                    .containsEntry(
                            "{error=\"IllegalStateException\",exception=\"IllegalStateException\",method=\"GET\","
                                    + "outcome=\"SERVER_ERROR\",status=\"500\",uri=\"/boom\"}",
                            "1");
            // one definition per name: Boot's summary, not the agent's histogram next to it
            assertThat(text)
                    .contains("# TYPE http_server_requests_seconds summary\n")
                    .doesNotContain("http_server_requests_seconds_bucket");
            assertSingleDefinitions(text);
            if (lib.endsWith("-prom")) {
                String own = app.body("/actuator/prometheus");
                assertThat(series(text, HTTP_COUNT)).isEqualTo(series(own, HTTP_COUNT));
                // every family on both endpoints has one definition: the application's; Boot's timers keep their max
                Map<String, String> ownTypes = types(own);
                Map<String, String> agentTypes = types(text);
                agentTypes.keySet().retainAll(ownTypes.keySet());
                ownTypes.keySet().retainAll(agentTypes.keySet());
                assertThat(agentTypes)
                        .isEqualTo(ownTypes)
                        .containsKeys(
                                "http_server_requests_seconds",
                                "http_server_requests_seconds_max",
                                "jvm_memory_used_bytes");
            }
            assertThat(app.log())
                    .doesNotContain(
                            "[vigil-metrics] WARN", "already registered", "registered meter of a different type");
        }
    }

    @ParameterizedTest(name = "{0} on Java {1}")
    @CsvSource({"boot3-web, 17", "boot4-web-prom, 25"})
    void agentRecordsWithBootsTagsWhenAsked(String lib, String java) throws Exception {
        try (SampleApp app = start(lib, java, "port=0,coexist=agent")) {
            String first = app.scrape(null);
            // bound at start, not at the first scrape: the System.gc() the application ran when ready is there,
            // and the allocations of Boot's start-up
            assertThat(first)
                    .containsPattern("jvm_gc_pause_seconds_count\\{action=\"[^\"]+\",cause=\"System.gc\\(\\)\"");
            assertThat(value(first, "jvm_gc_memory_allocated_bytes_total")).isGreaterThan(1e6);
            assertThat(value(first, "process_cpu_usage")).isBetween(0.0, 1.0).isNotEqualTo(1.0);
            assertThat(value(first, "system_cpu_usage")).isBetween(0.0, 1.0).isNotEqualTo(0.0);
            // the JDK's process reaper (started by Boot's ApplicationPid) is named by its role
            assertThat(first)
                    .contains("executor_pool_max_threads{name=\"process-reaper\"}")
                    .doesNotContain("name=\"ApplicationPid\"");
            // application meters under names the agent does not have are still bridged
            assertThat(first).contains("\nvigil_it_global_startup_total 2.0\n");

            requests(app);
            String text = app.scrape(null);
            assertThat(series(text, HTTP_COUNT))
                    .containsOnly(
                            Map.entry(
                                    "{error=\"none\",exception=\"none\",method=\"GET\",outcome=\"SUCCESS\","
                                            + "status=\"200\",uri=\"/items/{id}\"}",
                                    "2"),
                            // Spring wraps it in a ServletException: the label names what the controller threw
                            Map.entry(
                                    "{error=\"IllegalStateException\",exception=\"IllegalStateException\","
                                            + "method=\"GET\",outcome=\"SERVER_ERROR\",status=\"500\",uri=\"/boom\"}",
                                    "1"),
                            // thrown on another thread, re-dispatched by Spring: the same, on its own route
                            Map.entry(
                                    "{error=\"IllegalArgumentException\",exception=\"IllegalArgumentException\","
                                            + "method=\"GET\",outcome=\"SERVER_ERROR\",status=\"500\","
                                            + "uri=\"/async-boom\"}",
                                    "1"),
                            // handled by an @ExceptionHandler into a 503: named from Spring's error attribute
                            Map.entry(
                                    "{error=\"UnsupportedOperationException\",exception=\"UnsupportedOperationException\","
                                            + "method=\"GET\",outcome=\"SERVER_ERROR\",status=\"503\",uri=\"/handled\"}",
                                    "1"));
            assertThat(text).contains("http_server_requests_seconds_bucket{error=\"none\"");
            if (lib.endsWith("-prom")) {
                // where Boot names the same exception, both endpoints agree series by series
                Map<String, String> own = series(app.body("/actuator/prometheus"), HTTP_COUNT);
                assertThat(series(text, HTTP_COUNT))
                        .containsAllEntriesOf(own.entrySet().stream()
                                .filter(e -> e.getKey().contains("/items/")
                                        || e.getKey().contains("/boom"))
                                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
            }
            assertSingleDefinitions(text);
            assertThat(app.log())
                    .doesNotContain(
                            "[vigil-metrics] WARN", "already registered", "registered meter of a different type");
        }
    }

    private static SampleApp start(String lib, String java, String agentArgs) throws Exception {
        String home = java.equals("17") ? SampleApp.java17() : SampleApp.java25();
        Requirements.path("java-" + java, Path.of(home, "bin", "java"), "runs the sample app on JDK " + java);
        return SampleApp.start("spring-web", home, agentArgs, List.of(lib), MAIN, List.of(), "0");
    }

    private static void requests(SampleApp app) throws Exception {
        assertThat(app.get("/items/1")).isEqualTo(200);
        assertThat(app.get("/items/2")).isEqualTo(200);
        assertThat(app.get("/boom")).isEqualTo(500);
        assertThat(app.get("/handled")).isEqualTo(503);
        assertThat(app.get("/async-boom")).isEqualTo(500);
        Thread.sleep(200); // the async request is recorded when its cycle ends, after the reply
    }

    /** Label set to value of every sample starting with {@code prefix}. */
    static Map<String, String> series(String text, String prefix) {
        Map<String, String> out = new TreeMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith(prefix)) {
                int end = line.lastIndexOf(' ');
                String value = line.substring(end + 1);
                out.put(
                        line.substring(prefix.length() - 1, end),
                        value.endsWith(".0") ? value.substring(0, value.length() - 2) : value);
            }
        }
        return out;
    }

    private static Map<String, String> types(String text) {
        Map<String, String> out = new TreeMap<>();
        Matcher m = Pattern.compile("(?m)^# TYPE (\\S+) (\\S+)$").matcher(text);
        while (m.find()) {
            out.put(m.group(1), m.group(2));
        }
        return out;
    }

    private static void assertSingleDefinitions(String text) {
        List<String> declared = Pattern.compile("(?m)^# TYPE (\\S+) ")
                .matcher(text)
                .results()
                .map(r -> r.group(1))
                .collect(Collectors.toList());
        assertThat(declared).doesNotHaveDuplicates();
        assertThat(new TreeSet<>(declared)).isNotEmpty();
    }

    private static double value(String text, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + " (\\S+)$").matcher(text);
        assertThat(m.find()).as("%s on the endpoint", name).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
