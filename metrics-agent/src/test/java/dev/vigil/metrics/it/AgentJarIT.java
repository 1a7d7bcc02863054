package dev.vigil.metrics.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

/** The packaged agent jar: size, relocation, manifest, fixed timestamps. */
class AgentJarIT {
    @Test
    void isSmallAndRelocatesEveryDependency() throws Exception {
        // ~6.4 MiB without the runtime guard's custom rules, whose CEL (with Guava and protobuf) adds ~7.3 MiB
        assertThat(Files.size(SampleApp.AGENT_JAR)).isLessThanOrEqualTo(15L * 1024 * 1024);
        List<String> outside = new ArrayList<>();
        try (JarFile jar = new JarFile(SampleApp.AGENT_JAR.toFile())) {
            jar.stream()
                    .map(JarEntry::getName)
                    .filter(n -> n.endsWith(".class"))
                    .filter(n -> !n.startsWith("dev/vigil/metrics/"))
                    .forEach(outside::add);
            assertThat(jar.getEntry("dev/vigil/metrics/shaded/io/micrometer/core/instrument/Metrics.class"))
                    .isNotNull();
            assertThat(jar.getEntry(
                            "dev/vigil/metrics/shaded/io/prometheus/metrics/model/registry/PrometheusRegistry.class"))
                    .isNotNull();
            assertThat(jar.getEntry("dev/vigil/metrics/shaded/net/bytebuddy/ByteBuddy.class"))
                    .isNotNull();
            assertThat(jar.getEntry("dev/vigil/metrics/shaded/org/HdrHistogram/Histogram.class"))
                    .isNotNull();
            assertThat(jar.getEntry("dev/vigil/metrics/shaded/dev/cel/bundle/CelFactory.class"))
                    .isNotNull();
            assertThat(jar.getEntry("dev/vigil/metrics/shaded/com/google/protobuf/Message.class"))
                    .isNotNull();
            assertThat(jar.getEntry("dev/vigil/metrics/shaded/org/snakeyaml/engine/v2/api/lowlevel/Parse.class"))
                    .isNotNull();
            // the agent's copy of the library (vigil-metrics) too: an application may have its own on the class path
            assertThat(jar.getEntry("dev/vigil/metrics/shaded/dev/vigil/metrics/VigilMetrics.class"))
                    .isNotNull();
            assertThat(jar.getEntry("dev/vigil/metrics/shaded/dev/vigil/metrics/internal/RouteNormalizer.class"))
                    .isNotNull();
            // and config-support (vigil-config), which an application may have in another version (jwt-filter)
            assertThat(jar.getEntry("dev/vigil/metrics/shaded/dev/vigil/config/Suggestions.class"))
                    .isNotNull();
            assertThat(jar.stream()
                            .map(JarEntry::getName)
                            .filter(n -> n.endsWith(".class"))
                            .filter(n -> !n.startsWith("dev/vigil/metrics/agent/")
                                    && !n.startsWith("dev/vigil/metrics/shaded/"))
                            .toList())
                    .as("classes neither the agent's own nor relocated")
                    .isEmpty();
            // resources too: nothing outside the agent's packages but META-INF (e.g. no google/protobuf/*.proto)
            assertThat(jar.stream()
                            .map(JarEntry::getName)
                            .filter(n -> !n.endsWith("/"))
                            .filter(n -> !n.startsWith("dev/vigil/metrics/") && !n.startsWith("META-INF/"))
                            .toList())
                    .isEmpty();
            // a service file for a JDK interface would hand the application's lookups the agent's copies
            assertThat(jar.stream()
                            .map(JarEntry::getName)
                            .filter(n -> n.startsWith("META-INF/services/java"))
                            .toList())
                    .isEmpty();
        }
        assertThat(outside).as("classes outside dev/vigil/metrics/").isEmpty();
    }

    /**
     * The relocation of the library's packages rewrites string constants that start with them too; the agent's own
     * constants that are no class names (a request attribute, the prefix by which it skips its own classes) must keep
     * their text. A relocated constant that names no class of the jar is such a mistake.
     */
    @Test
    void relocatesNoStringConstantOfTheAgentThatIsNotAClassName() throws Exception {
        List<String> wrong = new ArrayList<>();
        try (JarFile jar = new JarFile(SampleApp.AGENT_JAR.toFile())) {
            for (JarEntry e : jar.stream().toList()) {
                if (!e.getName().startsWith("dev/vigil/metrics/agent/")
                        || !e.getName().endsWith(".class")) {
                    continue;
                }
                try (InputStream in = jar.getInputStream(e)) {
                    for (String constant : ConstantPool.strings(in)) {
                        String path = constant.replace('.', '/');
                        if (path.startsWith("dev/vigil/metrics/shaded/dev/vigil/")
                                && jar.getEntry(path + ".class") == null) {
                            wrong.add(e.getName() + ": \"" + constant + "\"");
                        }
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void declaresItsModuleName() throws Exception {
        try (JarFile jar = new JarFile(SampleApp.AGENT_JAR.toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Automatic-Module-Name"))
                    .isEqualTo("dev.vigil.metrics.agent");
        }
    }

    @Test
    void declaresBothEntryPoints() throws Exception {
        try (JarFile jar = new JarFile(SampleApp.AGENT_JAR.toFile())) {
            Manifest m = jar.getManifest();
            assertThat(m.getMainAttributes().getValue("Premain-Class"))
                    .isEqualTo("dev.vigil.metrics.agent.MetricsAgent");
            assertThat(m.getMainAttributes().getValue("Agent-Class")).isEqualTo("dev.vigil.metrics.agent.MetricsAgent");
            assertThat(m.getMainAttributes().getValue("Can-Retransform-Classes"))
                    .isEqualTo("true");
        }
    }

    @Test
    void carriesNoBuildTimeTimestamps() throws Exception {
        // entries keep their source jar's time or get project.build.outputTimestamp (2026-11-25T00:00:00Z, shifted
        // by the zip format's local time); a build-time stamp would make the jar irreproducible
        Instant latest = Instant.parse("2026-11-26T00:00:00Z");
        try (JarFile jar = new JarFile(SampleApp.AGENT_JAR.toFile())) {
            List<String> late = jar.stream()
                    .filter(e -> e.getLastModifiedTime().toInstant().isAfter(latest))
                    .map(e -> e.getName() + " " + e.getLastModifiedTime())
                    .toList();
            assertThat(late).isEmpty();
        }
    }
}
