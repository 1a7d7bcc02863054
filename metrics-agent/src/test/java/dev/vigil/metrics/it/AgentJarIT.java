package dev.vigil.metrics.it;

import static org.assertj.core.api.Assertions.assertThat;

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
