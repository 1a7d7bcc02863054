package dev.vigil.policy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.config.Durations;
import dev.vigil.policy.internal.YamlComposer;
import dev.vigil.testsupport.Requirements;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The published JSON Schema of {@code .vigil.yaml} ({@code docs/schema/vigil.schema.json}) accepts every example of
 * the file in the repository (the modules' READMEs and the fuzz seeds), names the keys the readers know, and its
 * problems keep {@code file:line: key}.
 */
class ConfigSchemaTest {
    static final Path ROOT = Requirements.repositoryRoot();
    static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);
    static final Set<String> TOP_LEVEL =
            Set.of("profiles", "pssVersion", "rules", "exemptions", "nonWaivable", "customRules", "ruleFiles");

    /** README blocks whose top-level keys are all {@code .vigil.yaml} keys, and the fuzz seeds of the file. */
    static Map<String, String> examples() throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode schemaKeys = schema().get("properties");
        for (String readme : List.of(
                "policy-linter/README.md",
                "admission-webhook/README.md",
                "vuln-scanner/README.md",
                "ci-plugin/README.md")) {
            String text = Files.readString(ROOT.resolve(readme));
            Matcher m = YAML_BLOCK.matcher(text);
            while (m.find()) {
                String block = m.group(1);
                List<String> keys = topLevelKeys(block);
                if (!keys.isEmpty() && keys.stream().allMatch(schemaKeys::has)) {
                    int line = text.substring(0, m.start()).split("\n", -1).length + 1;
                    out.put(readme + ":" + line, block);
                }
            }
        }
        Path seeds = ROOT.resolve(
                "policy-linter/engine/src/test/resources/dev/vigil/policy/fuzz/ManifestLoadingFuzzTestInputs/configFile");
        try (Stream<Path> files = Files.list(seeds)) {
            for (Path f :
                    files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                out.put(ROOT.relativize(f).toString(), Files.readString(f));
            }
        }
        return out;
    }

    static List<String> topLevelKeys(String yaml) {
        List<String> keys = new ArrayList<>();
        for (String line : yaml.split("\n")) {
            Matcher k = Pattern.compile("^([A-Za-z][A-Za-z0-9]*):").matcher(line);
            if (k.find()) {
                keys.add(k.group(1));
            }
        }
        return keys;
    }

    static JsonNode schema() throws Exception {
        return new ObjectMapper()
                .readTree(ROOT.resolve("docs/schema/vigil.schema.json").toFile());
    }

    static List<ConfigProblem> check(String yaml, String label) {
        List<YamlComposer.Document> docs = new ArrayList<>();
        new YamlComposer(new YamlComposer.Limits(1 << 20, 40, 64 * 1024, 100_000)).compose(yaml, label, docs::add);
        return ConfigSchema.check(docs.get(0).root(), docs.get(0).positions(), label, "");
    }

    @Test
    void everyExampleInTheRepositoryIsValid() throws Exception {
        Map<String, String> examples = examples();
        assertThat(examples.keySet())
                .as("the README examples of .vigil.yaml (linter, webhook, scanner) and the fuzz seeds")
                .hasSizeGreaterThanOrEqualTo(6)
                .anyMatch(k -> k.startsWith("policy-linter/README.md"))
                .anyMatch(k -> k.startsWith("admission-webhook/README.md"))
                .anyMatch(k -> k.startsWith("vuln-scanner/README.md"))
                .anyMatch(k -> k.contains("ManifestLoadingFuzzTestInputs"));
        examples.forEach(
                (where, yaml) -> assertThat(check(yaml, where)).as(where).isEmpty());
    }

    @Test
    void theBundledSchemaIsThePublishedOne() throws Exception {
        try (var in = ConfigSchema.class.getResourceAsStream(ConfigSchema.RESOURCE)) {
            assertThat(in).isNotNull();
            assertThat(new ObjectMapper().readTree(in)).isEqualTo(schema());
        }
    }

    @Test
    void theSchemaNamesExactlyTheTopLevelKeysTheReadersKnow() throws Exception {
        Set<String> inSchema = new TreeSet<>();
        schema().get("properties").fieldNames().forEachRemaining(inSchema::add);
        Set<String> known = new TreeSet<>(ConfigFile.KEYS);
        known.add("webhook"); // WebhookConfigSection.KEY
        known.add("vulnerabilities"); // VulnConfig
        known.add("code"); // CodeConfigFile (vigil-code-rules)
        assertThat(inSchema).isEqualTo(known);
        assertThat(ConfigFile.KEYS).containsAll(TOP_LEVEL);
    }

    @Test
    void theCodeRulesSectionIsCheckedByTheSchema() {
        String yaml = """
                code:
                  enableRules: [VIGIL-ARCH-013]
                  ignore:
                    - rule: VIGIL-ARCH-002
                """;
        List<String> problems =
                check(yaml, ".vigil.yaml").stream().map(ConfigProblem::toString).toList();
        assertThat(problems)
                .singleElement()
                .satisfies(p -> assertThat(p)
                        .startsWith(".vigil.yaml:4: code.ignore[0]")
                        .contains("reason"));
    }

    @Test
    void problemsKeepTheFileTheLineAndTheKey() {
        String yaml = """
                profiles: [recommended]
                exemptions:
                  - kind: DaemonSet
                    reasn: typo
                vulnerabilities:
                  maxDbAge: soon
                """;
        List<String> problems =
                check(yaml, ".vigil.yaml").stream().map(ConfigProblem::toString).toList();
        assertThat(problems)
                .anySatisfy(p -> assertThat(p)
                        .startsWith(".vigil.yaml:3: exemptions[0]: ")
                        .contains("reason"))
                .anySatisfy(p -> assertThat(p).startsWith(".vigil.yaml:6: vulnerabilities.maxDbAge: "));
    }

    @Test
    void theLinterReportsTheScannersSectionThroughTheSchema() {
        String yaml = """
                profiles: [recommended]
                vulnerabilities:
                  db: osv/
                  ignore:
                    - id: CVE-2022-1471
                      pakage: org.yaml:snakeyaml
                      reason: trusted YAML only
                """;
        assertThatThrownBy(() -> ConfigFile.parse(yaml, ".vigil.yaml", Set.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(".vigil.yaml:5: vulnerabilities.ignore[0]: ")
                .hasMessageContaining("pakage");
    }

    @Test
    void theSchemasDurationPatternAgreesWithTheSharedGrammar() throws Exception {
        Pattern pattern = Pattern.compile(schema().at("/$defs/duration/pattern").asText());
        for (String ok : List.of("500ms", "60s", "15m", "24h", "7d", "2w", "1h30m", "1.5s", "100µs", "PT60S", "10S")) {
            assertThat(Durations.parse(ok)).as(ok).isPresent();
            assertThat(pattern.matcher(ok).find()).as(ok).isTrue();
        }
        for (String bad : List.of("soon", "10", "-5s", "5 s", "5y")) {
            assertThat(Durations.parse(bad)).as(bad).isEmpty();
            assertThat(pattern.matcher(bad).find()).as(bad).isFalse();
        }
    }
}
