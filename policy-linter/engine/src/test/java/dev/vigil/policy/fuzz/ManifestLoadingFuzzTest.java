package dev.vigil.policy.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vigil.policy.PolicyConfig;
import dev.vigil.policy.PolicyEngine;
import dev.vigil.policy.Resource;
import dev.vigil.policy.config.ConfigException;
import dev.vigil.policy.config.ConfigFile;
import dev.vigil.policy.load.LoadProblem;
import dev.vigil.policy.load.LoadResult;
import dev.vigil.policy.load.ManifestLoader;
import dev.vigil.testsupport.FuzzProperties;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * Fuzz targets for the linter's parsers of untrusted text: manifests (YAML/JSON with source positions),
 * {@code .vigil.yaml}, and custom rule expressions (CEL) inside it. Stored inputs under
 * {@code src/test/resources/dev/vigil/policy/fuzz/ManifestLoadingFuzzTestInputs/} run in every build; {@code
 * benchmarks/fuzz.sh} fuzzes.
 */
class ManifestLoadingFuzzTest {
    private static final PolicyEngine ENGINE =
            PolicyEngine.create(PolicyConfig.builder().profile("recommended").build());

    /** Any text: no exception escapes (problems are values), positions lie inside the text, loading is repeatable. */
    @FuzzTest(maxDuration = "5m")
    void manifests(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        // YAML's line breaks: CR LF, LF, and a lone CR (the loader counts lines as YAML does)
        int lines = text.split("\r\n|\r|\n", -1).length;
        FuzzProperties.check("manifest", () -> {
            LoadResult first = new ManifestLoader().loadText(text, "in.yaml");
            for (LoadProblem p : first.problems()) {
                assertThat(p.file()).isEqualTo("in.yaml");
                assertThat(p.line()).as("problem line of %s", p).isBetween(0, lines + 1);
                assertThat(p.message()).as("problem message").isNotBlank().doesNotContain("\tat ");
            }
            for (Resource r : first.resources()) {
                assertThat(r.position("metadata").line())
                        .as("position of %s", r.displayName())
                        .isBetween(0, lines + 1);
            }
            LoadResult second = new ManifestLoader().loadText(text, "in.yaml");
            assertThat(second.resources()).hasSameSizeAs(first.resources());
            assertThat(second.problems()).isEqualTo(first.problems());
            ENGINE.evaluate(first.resources()).findings();
        });
    }

    /** Any {@code .vigil.yaml}: only {@link ConfigException} escapes, and each of its problems names the file. */
    @FuzzTest(maxDuration = "5m")
    void configFile(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        Throwable thrown = FuzzProperties.check(
                "config",
                () -> ConfigFile.parse(text, ".vigil.yaml", Set.of()).builder().build(),
                ConfigException.class);
        if (thrown instanceof ConfigException e) {
            assertThat(e.problems()).isNotEmpty();
            assertThat(e.getMessage()).contains(".vigil.yaml");
        }
    }

    /**
     * A custom rule whose CEL expression and message expression (the input's text before and after its first NUL) are
     * fuzzed: a bad expression is a {@link ConfigException} at load, a good one evaluates over a small workload
     * without escaping or hanging.
     */
    @FuzzTest(maxDuration = "5m")
    void customRuleExpression(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        int nul = text.indexOf('\0');
        String cel = nul < 0 ? text : text.substring(0, nul);
        String message = nul < 0 ? "'fuzzed'" : text.substring(nul + 1);
        String config = "customRules:\n- id: fuzzed-rule\n  severity: error\n  title: Fuzzed\n  kinds: [Deployment]\n"
                + "  cel: " + quote(cel) + "\n  messageExpression: " + quote(message) + "\n";
        FuzzProperties.check(
                "custom rule",
                () -> {
                    PolicyEngine engine = PolicyEngine.create(ConfigFile.parse(config, ".vigil.yaml", Set.of())
                            .builder()
                            .build());
                    engine.evaluate(WORKLOAD).findings();
                },
                ConfigException.class);
    }

    private static final List<Resource> WORKLOAD =
            new ManifestLoader().loadText("""
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata: {name: web, labels: {team: a}}
                    spec:
                      replicas: 3
                      selector: {matchLabels: {app: web}}
                      template:
                        metadata: {labels: {app: web}}
                        spec:
                          containers: [{name: app, image: "registry.example/app:1.0"}]
                    """, "workload.yaml").resources();

    static {
        // one-time start-up (rule catalogue, CEL environment) is not a per-input cost
        try {
            ENGINE.evaluate(WORKLOAD);
            PolicyEngine.create(ConfigFile.parse(
                                    "customRules:\n- id: warm-up\n  severity: info\n  title: Warm-up\n"
                                            + "  kinds: [Deployment]\n  cel: \"true\"\n  message: m\n",
                                    ".vigil.yaml",
                                    Set.of())
                            .builder()
                            .build())
                    .evaluate(WORKLOAD);
        } catch (ConfigException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A YAML double-quoted scalar holding {@code s} exactly. */
    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            if (c == '"' || c == '\\') {
                b.append('\\').appendCodePoint(c);
            } else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0xfeff || (c >= 0xd800 && c < 0xe000)) {
                b.append(String.format("\\u%04x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.append('"').toString();
    }
}
