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
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The packaged agent on real servlet containers, javax and jakarta, Servlet 3.0 to 6.1, on Java 17 and Java 25. The
 * jars of each container are copied by the build to {@code target/it-lib/<container>}; a sample source is reused where
 * the container's API is the same (the Tomcat 11 sample on Tomcat 10.1, the Jetty 9.4 one on Jetty 10).
 *
 * <p>Each child JVM costs one to two seconds on a two-core machine, so Tomcat 11, Jetty 12 and Tomcat 9 run on both
 * Java versions and the other containers on one each; {@code -Dvigil.it.allJavas=true} runs every container on both
 * (all pass on both today).
 */
class ServletContainersIT {
    static Stream<Arguments> containers() {
        boolean all = Boolean.getBoolean("vigil.it.allJavas");
        return Stream.of(
                        // sample source, container jars, servlet API of that container, Java versions
                        row("tomcat11", "tomcat11", "jakarta 6.1", "17", "25"),
                        row("jetty12", "jetty12", "jakarta 6.0 (ee10)", "17", "25"),
                        row("tomcat9", "tomcat9", "javax 4.0", "17", "25"),
                        row("tomcat11", "tomcat10", "jakarta 6.0", "17"),
                        row("undertow", "undertow", "jakarta 6.0", "25"),
                        row("jetty11", "jetty11", "jakarta 5.0", "17"),
                        row("jetty9", "jetty10", "javax 4.0", "17"),
                        row("jetty9", "jetty9", "javax 3.1", "25"),
                        row("tomcat7", "tomcat7", "javax 3.0", "17"))
                .flatMap(r -> (all ? Stream.of("17", "25") : Stream.of(r.javas))
                        .map(java -> Arguments.of(r.sample, r.container, r.api, java)));
    }

    private static Row row(String sample, String container, String api, String... javas) {
        return new Row(sample, container, api, javas);
    }

    private record Row(String sample, String container, String api, String[] javas) {}

    @ParameterizedTest(name = "{1} (servlet {2}) on Java {3}")
    @MethodSource("containers")
    void recordsRouteTemplatedRequestsAndJvmMetrics(String sample, String container, String api, String java)
            throws Exception {
        String home = java.equals("17") ? SampleApp.java17() : SampleApp.java25();
        Requirements.path("java-" + java, Path.of(home, "bin", "java"), "runs the sample app on JDK " + java);
        try (SampleApp app = SampleApp.start(sample, home, "port=0", List.of(container), "SampleApp", List.of(), "0")) {
            // first, so that the exemplar sampler's rate limit (one sample per 90 ms) has not been used yet
            assertThat(app.get("/healthz", "traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"))
                    .isEqualTo(200);
            assertThat(app.get("/items/42")).isEqualTo(200);
            assertThat(app.get("/items/43?secret=x")).isEqualTo(200);
            // the request URI as sent: undecoded and unnormalised on every container
            assertThat(app.get("/items/%34%34")).isEqualTo(200);
            assertThat(app.get("/items/./45")).isEqualTo(200);
            assertThat(app.get("/healthz")).isEqualTo(200);
            assertThat(app.get("/boom")).isEqualTo(500);
            assertThat(app.get("/secure/5")).isEqualTo(401);

            String text = app.scrape(null);

            assertThat(text)
                    .contains("http_server_requests_seconds_count{exception=\"none\",method=\"GET\","
                            + "outcome=\"SUCCESS\",status=\"200\",uri=\"/items/{id}\"} 4")
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
                    .doesNotContain("%34")
                    .doesNotContain("/./")
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

    /**
     * Attached at run time, after the container has loaded its filter chain: a request a filter answers itself is
     * still counted (the already loaded chain classes are retransformed like {@code HttpServlet}).
     */
    @ParameterizedTest(name = "{0} attached at run time")
    @ValueSource(strings = {"tomcat11", "jetty9"})
    void runtimeAttachAlsoTimesTheFilterChain(String container, @TempDir Path tmp) throws Exception {
        try (SampleApp app =
                SampleApp.start(container, SampleApp.java17(), null, List.of(container), "SampleApp", List.of(), "0")) {
            assertThat(app.get("/items/1")).isEqualTo(200);
            assertThat(app.get("/secure/1")).isEqualTo(401); // the chain class is loaded and in use
            Path portFile = tmp.resolve("port");
            VirtualMachine vm = VirtualMachine.attach(Long.toString(app.pid()));
            try {
                vm.loadAgent(SampleApp.AGENT_JAR.toAbsolutePath().toString(), "port=0,portFile=" + portFile);
            } finally {
                vm.detach();
            }
            int metricsPort = Integer.parseInt(Files.readString(portFile).trim());
            assertThat(app.get("/items/2")).isEqualTo(200);
            assertThat(app.get("/secure/3")).isEqualTo(401);
            assertThat(app.get("/boom")).isEqualTo(500);

            String text = SampleApp.HTTP
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            assertThat(text)
                    .contains("http_server_requests_seconds_count{exception=\"none\",method=\"GET\","
                            + "outcome=\"SUCCESS\",status=\"200\",uri=\"/items/{id}\"} 1")
                    .contains("http_server_requests_seconds_count{exception=\"none\",method=\"GET\","
                            + "outcome=\"CLIENT_ERROR\",status=\"401\",uri=\"/secure/{id}\"} 1")
                    .contains("exception=\"IllegalStateException\",method=\"GET\",outcome=\"SERVER_ERROR\","
                            + "status=\"500\",uri=\"/boom\"} 1");
        }
    }

    /**
     * Another agent attached later (an APM agent, a profiler) retransforms the classes Vigil wove when they were loaded:
     * the JVM refuses a retransformation that changes a class's shape, so Vigil weaves them the same way again.
     */
    @ParameterizedTest(name = "{0}: another agent retransforms the woven classes")
    @ValueSource(strings = {"tomcat11", "jetty9"})
    void anotherAgentCanRetransformTheWovenClasses(String container, @TempDir Path tmp) throws Exception {
        Path jar = retransformerJar(tmp);
        try (SampleApp app = SampleApp.start(
                container, SampleApp.java17(), "port=0", List.of(container), "SampleApp", List.of(), "0")) {
            assertThat(app.get("/items/1")).isEqualTo(200);
            assertThat(app.get("/secure/1")).isEqualTo(401);
            VirtualMachine vm = VirtualMachine.attach(Long.toString(app.pid()));
            try {
                vm.loadAgent(jar.toString());
            } finally {
                vm.detach();
            }
            assertThat(app.log())
                    .containsPattern("retransformed (jakarta|javax)\\.servlet\\.http\\.HttpServlet\n")
                    .contains(" (FilterChain)")
                    .doesNotContain("could not retransform");
            assertThat(app.get("/items/2")).isEqualTo(200);
            assertThat(app.get("/secure/2")).isEqualTo(401);
            assertThat(app.scrape(null))
                    .contains("http_server_requests_seconds_count{exception=\"none\",method=\"GET\","
                            + "outcome=\"SUCCESS\",status=\"200\",uri=\"/items/{id}\"} 2")
                    .contains("http_server_requests_seconds_count{exception=\"none\",method=\"GET\","
                            + "outcome=\"CLIENT_ERROR\",status=\"401\",uri=\"/secure/{id}\"} 2");
        }
    }

    /** {@code src/it/samples/retransformer} as an agent jar. */
    private static Path retransformerJar(Path tmp) throws Exception {
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        Path source = SampleApp.SAMPLES.resolve("retransformer").resolve("Retransformer.java");
        int rc = ToolProvider.getSystemJavaCompiler()
                .run(null, null, null, "--release", "17", "-d", classes.toString(), source.toString());
        assertThat(rc).as("compiling %s", source).isZero();
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Agent-Class", "Retransformer");
        manifest.getMainAttributes().putValue("Can-Retransform-Classes", "true");
        Path jar = tmp.resolve("retransformer.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.putNextEntry(new JarEntry("Retransformer.class"));
            out.write(Files.readAllBytes(classes.resolve("Retransformer.class")));
            out.closeEntry();
        }
        return jar;
    }
}
