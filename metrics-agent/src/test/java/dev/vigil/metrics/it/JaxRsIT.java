package dev.vigil.metrics.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.tools.attach.VirtualMachine;
import dev.vigil.testsupport.Requirements;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * JAX-RS route templates with the packaged agent, on Java 17 and Java 25: Jersey 4 and RESTEasy 7 ({@code jakarta.ws.rs})
 * on embedded Tomcat 11, Jersey 2 ({@code javax.ws.rs}) on embedded Tomcat 9; the same resources
 * ({@code src/it/samples/jaxrs-resources}) in each.
 */
class JaxRsIT {
    static Stream<Arguments> frameworks() {
        return Stream.of(
                        Arguments.of("jersey", "tomcat11", "JerseyApp", "jaxrs-resources"),
                        Arguments.of("resteasy", "tomcat11", "ResteasyApp", "jaxrs-resources"),
                        Arguments.of("jersey2", "tomcat9", "JerseyApp", "jaxrs-resources-javax"))
                .flatMap(a -> Stream.of("17", "25").map(java -> {
                    Object[] args = a.get();
                    return Arguments.of(args[0], args[1], args[2], args[3], java);
                }));
    }

    private static final String OK = "http_server_requests_seconds_count{exception=\"none\",method=\"GET\","
            + "outcome=\"SUCCESS\",status=\"200\",uri=\"";

    @ParameterizedTest(name = "{0} on {1}, Java {4}")
    @MethodSource("frameworks")
    void labelsRequestsWithTheJaxRsRouteTemplate(
            String framework, String container, String main, String resources, String java) throws Exception {
        String home = java.equals("17") ? SampleApp.java17() : SampleApp.java25();
        Requirements.path("java-" + java, Path.of(home, "bin", "java"), "runs the sample app on JDK " + java);
        try (SampleApp app = SampleApp.start(
                framework, home, "port=0", List.of(framework, container), main, List.of(resources), "0")) {
            assertThat(app.get("/api/orders/42")).isEqualTo(200);
            assertThat(app.get("/api/orders/43?secret=x")).isEqualTo(200);
            assertThat(app.get("/api/orders")).isEqualTo(200);
            assertThat(app.get("/api/orders/7/lines/3")).isEqualTo(200);
            assertThat(app.get("/api/customers/alice")).isEqualTo(200);
            assertThat(app.get("/api/codes/ABC")).isEqualTo(200);
            assertThat(app.get("/api/codes/abcd")).isEqualTo(404);
            assertThat(app.get("/api/orders/slow")).isEqualTo(200);

            // an async request is recorded when the container completes it, which may be just after the client
            // got the response: wait for the last one to appear
            String text = scrapeUntil(app, OK + "/api/orders/slow\"} 1");

            assertThat(text)
                    .contains(OK + "/api/orders/{id}\"} 2")
                    .contains(OK + "/api/orders\"} 1")
                    .contains(OK + "/api/orders/{id}/lines/{line}\"} 1")
                    .contains(OK + "/api/customers/{name}\"} 1")
                    .contains(OK + "/api/codes/{code}\"} 1")
                    .contains(OK + "/api/orders/slow\"} 1")
                    .contains("status=\"404\",uri=\"NOT_FOUND\"} 1")
                    .doesNotContain("/orders/42")
                    .doesNotContain("/orders/7")
                    .doesNotContain("alice")
                    .doesNotContain("ABC")
                    .doesNotContain("abcd")
                    .doesNotContain("secret")
                    .doesNotContain("[0-9]");
            // the suspended request is timed until Jersey resumed it (300 ms later, on another thread)
            assertThat(sum(text, "/api/orders/slow")).isGreaterThanOrEqualTo(0.3);
        }
    }

    /**
     * Another agent attached later retransforms the woven resource classes: Vigil weaves them the same way again (the
     * JVM refuses a retransformation that changes a class's shape), and the routes keep their templates.
     */
    @Test
    void anotherAgentCanRetransformTheWovenResources(@TempDir Path tmp) throws Exception {
        Path jar = agentJar(tmp, "jaxrs-retransformer", "ResourceRetransformer");
        try (SampleApp app = SampleApp.start(
                "jersey",
                SampleApp.java17(),
                "port=0",
                List.of("jersey", "tomcat11"),
                "JerseyApp",
                List.of("jaxrs-resources"),
                "0")) {
            assertThat(app.get("/api/customers/alice")).isEqualTo(200);
            assertThat(app.get("/api/orders/7/lines/3")).isEqualTo(200);
            VirtualMachine vm = VirtualMachine.attach(Long.toString(app.pid()));
            try {
                vm.loadAgent(jar.toString());
            } finally {
                vm.detach();
            }
            assertThat(app.log())
                    .contains("retransformed Resources$CustomersImpl\n")
                    .contains("retransformed Resources$Orders\n")
                    .doesNotContain("could not retransform");
            assertThat(app.get("/api/customers/bob")).isEqualTo(200);
            assertThat(app.get("/api/orders/8/lines/4")).isEqualTo(200);
            assertThat(app.scrape(null))
                    .contains(OK + "/api/customers/{name}\"} 2")
                    .contains(OK + "/api/orders/{id}/lines/{line}\"} 2");
        }
    }

    /** A sample directory's single source compiled into an agent jar with {@code Agent-Class} and retransformation. */
    static Path agentJar(Path tmp, String sample, String agentClass) throws Exception {
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        Path source = SampleApp.SAMPLES.resolve(sample).resolve(agentClass + ".java");
        int rc = ToolProvider.getSystemJavaCompiler()
                .run(null, null, null, "--release", "17", "-d", classes.toString(), source.toString());
        assertThat(rc).as("compiling %s", source).isZero();
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Agent-Class", agentClass);
        manifest.getMainAttributes().putValue("Can-Retransform-Classes", "true");
        Path jar = tmp.resolve(agentClass + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.putNextEntry(new JarEntry(agentClass + ".class"));
            out.write(Files.readAllBytes(classes.resolve(agentClass + ".class")));
            out.closeEntry();
        }
        return jar;
    }

    /** The {@code _sum} of the 200 GET series of a route. */
    static double sum(String text, String uri) {
        Matcher m = Pattern.compile("http_server_requests_seconds_sum\\{[^}]*status=\"200\",uri=\"" + Pattern.quote(uri)
                        + "\"} ([0-9.Ee+-]+)")
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
