package dev.vigil.metrics.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime guard's custom rules inside the packaged agent: CEL and snakeyaml-engine work relocated, and an agent
 * started with the guard on but without {@code guard.rules} loads none of their classes.
 */
class GuardRulesShadedIT {
    private static final String CUSTOM = "dev.vigil.metrics.agent.guard.custom.";

    @TempDir
    Path tmp;

    @Test
    void relocatedCelCompilesAndEvaluatesRulesFromTheAgentJar() throws Exception {
        Path rules = Path.of(GuardRulesShadedIT.class
                .getResource("/dev/vigil/metrics/agent/guard/custom/good-rules.yaml")
                .toURI());
        try (URLClassLoader jar = new URLClassLoader(
                new URL[] {SampleApp.AGENT_JAR.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            Class<?> customRules = jar.loadClass(CUSTOM + "CustomRules");
            Class<?> customRule = jar.loadClass(CUSTOM + "CustomRule");
            Object loaded = customRules.getMethod("load", Path.class).invoke(null, rules);
            List<?> list = (List<?>) customRules.getMethod("rules").invoke(loaded);
            assertThat(list).hasSize(4);
            Method matches = customRule.getMethod("matches", String.class, Map.class);
            Method render = customRule.getMethod("render", Map.class);
            Map<String, String> curl = Map.of("proc.cmdline", "curl http://x");
            assertThat(matches.invoke(list.get(0), "process", curl)).isEqualTo(true);
            assertThat(matches.invoke(list.get(0), "process", Map.of("proc.cmdline", "ls")))
                    .isEqualTo(false);
            assertThat(render.invoke(list.get(0), curl))
                    .isEqualTo("Download tool started (command=curl http://x thread=<NA> route=<NA>)");

            // CEL's own error text survives relocation
            Path bad = tmp.resolve("bad.yaml");
            Files.writeString(
                    bad, "- rule: r\n  desc: d\n  priority: Notice\n  condition: prc.x == 'a'\n  output: o\n");
            assertThatThrownBy(() -> customRules.getMethod("load", Path.class).invoke(null, bad))
                    .isInstanceOf(InvocationTargetException.class)
                    .extracting(Throwable::getCause)
                    .extracting(Throwable::getMessage)
                    .isEqualTo(bad + ":4: field 'condition': does not compile: undeclared reference to 'prc' (at 1:1)");

            // only the relocated copies are in the jar
            assertThat(jar.loadClass("dev.vigil.metrics.shaded.dev.cel.bundle.CelFactory"))
                    .isNotNull();
            assertThatThrownBy(() -> jar.loadClass("dev.cel.bundle.CelFactory"))
                    .isInstanceOf(ClassNotFoundException.class);
            assertThatThrownBy(() -> jar.loadClass("com.google.common.collect.ImmutableList"))
                    .isInstanceOf(ClassNotFoundException.class);
        }
    }

    @Test
    void anAgentWithTheGuardOnButWithoutGuardRulesLoadsNoCelNorYamlClass() throws Exception {
        List<String> loaded = classesLoaded("port=0,guard=detect");
        assertThat(loaded)
                .as("the log sees the agent's and the guard's classes")
                .anyMatch(l -> l.contains("dev.vigil.metrics.agent.MetricsAgent "))
                .anyMatch(l -> l.contains("dev.vigil.metrics.agent.guard.GuardCallback "));
        assertThat(loaded).filteredOn(GuardRulesShadedIT::celOrYamlOrCustom).isEmpty();
    }

    @Test
    void withGuardRulesTheRulesAreCompiledAtStart() throws Exception {
        Path rules = Path.of(GuardRulesShadedIT.class
                .getResource("/dev/vigil/metrics/agent/guard/custom/good-rules.yaml")
                .toURI());
        List<String> loaded = classesLoaded("port=0,guard=detect,guard.rules=" + rules);
        assertThat(loaded)
                .as("the same check sees CEL when rules are set")
                .anyMatch(l -> l.contains("dev.vigil.metrics.shaded.dev.cel."))
                .anyMatch(l -> l.contains(CUSTOM + "CustomRules "));
    }

    private static boolean celOrYamlOrCustom(String l) {
        return l.contains("dev.vigil.metrics.shaded.dev.cel.")
                || l.contains("dev.vigil.metrics.shaded.com.google.")
                || l.contains("dev.vigil.metrics.shaded.org.snakeyaml.")
                || l.contains("dev.vigil.metrics.shaded.org.antlr.")
                || l.contains(CUSTOM)
                || l.contains("dev.vigil.metrics.agent.guard.CustomRuleSet ");
    }

    private List<String> classesLoaded(String agentArgs) throws Exception {
        Path classes = tmp.resolve("classes.txt");
        Files.deleteIfExists(classes);
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-javaagent:" + SampleApp.AGENT_JAR.toAbsolutePath() + "=" + agentArgs,
                "-Xlog:class+load=info:file=" + classes,
                "-cp",
                Path.of(GuardIdleMain.class
                                .getProtectionDomain()
                                .getCodeSource()
                                .getLocation()
                                .toURI())
                        .toString(),
                GuardIdleMain.class.getName()));
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("out.txt").toFile())
                .start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String out = Files.readString(tmp.resolve("out.txt"));
        assertThat(out).contains("idle main done").contains("runtime guard on").doesNotContain("WARN");
        return Files.readAllLines(classes);
    }
}
