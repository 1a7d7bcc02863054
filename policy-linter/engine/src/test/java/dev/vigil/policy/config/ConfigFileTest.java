package dev.vigil.policy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.policy.Exemption;
import dev.vigil.policy.PolicyConfig;
import dev.vigil.policy.PssVersion;
import dev.vigil.policy.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
    @TempDir
    Path dir;

    private static PolicyConfig parse(String yaml) throws ConfigException {
        return ConfigFile.parse(yaml, ".vigil.yaml", Set.of()).builder().build();
    }

    private static String problems(String yaml) {
        try {
            ConfigFile.parse(yaml, ".vigil.yaml", Set.of());
        } catch (ConfigException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected a ConfigException");
    }

    @Test
    void readsEverySetting() throws Exception {
        PolicyConfig c = parse("""
                profiles: [pss-baseline, best-practices]
                pssVersion: v1.25
                rules:
                  pss-privileged: warning
                exemptions:
                  - rules: [pss-privileged]
                    kind: DaemonSet
                    namespace: monitoring
                    name: node-exporter
                    container: exporter
                    reason: reads the node's /proc
                    expires: 2027-06-30
                nonWaivable: [pss-privileged]
                customRules: []
                """);
        assertThat(c.profiles()).containsExactlyInAnyOrder("pss-baseline", "best-practices");
        assertThat(c.pssVersion()).isEqualTo(PssVersion.v1(25));
        assertThat(c.severityOverrides()).containsEntry("pss-privileged", Severity.WARNING);
        assertThat(c.exemptions())
                .containsExactly(new Exemption(
                        Set.of("pss-privileged"),
                        "DaemonSet",
                        "monitoring",
                        "node-exporter",
                        "exporter",
                        "reads the node's /proc",
                        LocalDate.of(2027, 6, 30)));
        assertThat(c.nonWaivable()).containsExactly("pss-privileged");
    }

    @Test
    void rulesTakeShorthandsAndMappings() throws Exception {
        assertThat(parse("rules: {pss-privileged: off}").disabledRules()).containsExactly("pss-privileged");
        assertThat(parse("rules: {pss-privileged: false}").disabledRules()).containsExactly("pss-privileged");
        assertThat(parse("rules: {pss-privileged: on}").enabledRules()).containsExactly("pss-privileged");
        PolicyConfig c = parse("rules:\n  pss-privileged: {enabled: true, severity: info}\n");
        assertThat(c.enabledRules()).containsExactly("pss-privileged");
        assertThat(c.severityOverrides()).containsEntry("pss-privileged", Severity.INFO);
    }

    @Test
    void emptyFileMeansDefaults() throws Exception {
        assertThat(parse("# nothing configured\n").toString())
                .isEqualTo(PolicyConfig.defaults().toString());
    }

    @Test
    void reportsEveryProblemAtOnceWithLineKeyAndExpectation() {
        assertThat(problems("""
                        profiles: [recomended, 3]
                        pssVersion: v2.0
                        rules:
                          pss-privliged: off
                          pss-privileged: maybe
                        exemptions:
                          - kind: Deployment
                            expires: 2026-13-01
                          - namespace: kube-system
                            reason: ""
                          - {}
                          - reason: everything
                        nonWaivable: pss-privileged
                        colour: true
                        """)).isEqualTo("""
                        .vigil.yaml:1: profiles[0]: unknown profile 'recomended' (did you mean 'recommended'?), \
                        expected one of pss-baseline, pss-restricted, best-practices, schema, recommended
                        .vigil.yaml:1: profiles[1]: is a number, expected a profile name
                        .vigil.yaml:2: pssVersion: 'v2.0' is not a PSS version, expected latest or v1.0 … v1.37
                        .vigil.yaml:4: rules.pss-privliged: unknown rule 'pss-privliged' (did you mean \
                        'pss-privileged'?), expected a rule id (see vigil lint --list-rules)
                        .vigil.yaml:5: rules.pss-privileged: is 'maybe', expected off, on, error, warning, info or \
                        {enabled: …, severity: …}
                        .vigil.yaml:7: exemptions[0]: has no reason, expected a reason saying why the exemption is \
                        needed
                        .vigil.yaml:8: exemptions[0].expires: '2026-13-01' is not a date, expected YYYY-MM-DD
                        .vigil.yaml:10: exemptions[1].reason: is empty, expected a reason saying why the exemption \
                        is needed
                        .vigil.yaml:11: exemptions[2]: has no reason, expected a reason saying why the exemption is \
                        needed
                        .vigil.yaml:11: exemptions[2]: exempts every object from every rule, expected at least one \
                        of rules, kind, namespace, name, container
                        .vigil.yaml:12: exemptions[3]: exempts every object from every rule, expected at least one \
                        of rules, kind, namespace, name, container
                        .vigil.yaml:14: colour: unknown key, expected one of profiles, pssVersion, rules, \
                        exemptions, nonWaivable, customRules, ruleFiles""");
    }

    @Test
    void typeErrorsNameWhatWasFound() {
        assertThat(problems("profiles: {a: 1}\nrules: [x]\nexemptions: yes\nnonWaivable: [1]\n"))
                .isEqualTo("""
                        .vigil.yaml:1: profiles: is a mapping, expected a list of profile names (pss-baseline, \
                        pss-restricted, best-practices, schema, recommended)
                        .vigil.yaml:2: rules: is a list, expected a mapping of rule id to off, on, error, warning \
                        or info
                        .vigil.yaml:3: exemptions: is 'yes', expected a list of exemptions
                        .vigil.yaml:4: nonWaivable[0]: is 1, expected a rule id""");
    }

    @Test
    void yamlErrorsAndNonMappingsAreOneLine() {
        assertThat(problems("profiles: [a\nrules: {}\n"))
                .isEqualTo(".vigil.yaml:2: while parsing a flow sequence: expected ',' or ']', but got :");
        assertThat(problems("- a\n- b\n"))
                .isEqualTo(".vigil.yaml:1: the file is a list, expected a mapping of settings");
        assertThat(problems("a: 1\na: 2\n")).isEqualTo(".vigil.yaml:2: duplicate key 'a'");
        assertThat(problems("a: 1\n---\nb: 2\n")).isEqualTo(".vigil.yaml: holds 2 YAML documents, expected one");
    }

    @Test
    void customRulesBecomeRulesAndInvalidOnesAreNamedByLine() throws Exception {
        PolicyConfig c = parse("""
                customRules:
                  - id: team-label
                    title: Workloads carry a team label
                    cel: "'team' in object.metadata.labels"
                rules:
                  team-label: error
                """);
        assertThat(c.customRules())
                .singleElement()
                .satisfies(r -> assertThat(r.metadata().id()).isEqualTo("team-label"));
        assertThat(c.severityOverrides()).containsEntry("team-label", Severity.ERROR);
        assertThat(problems("customRules:\n  - id: team-label\n    title: T\n    cel: \"objct.x\"\n"))
                .isEqualTo(".vigil.yaml:4: customRules[0].cel: does not compile: undeclared reference to 'objct'"
                        + " (at 1:1)");
    }

    @Test
    void ruleFilesAddCustomRulesFromFilesAndDirectoriesWithTheirOwnLines() throws Exception {
        Files.createDirectories(dir.resolve("policies/shared"));
        Files.writeString(dir.resolve("policies/team.yaml"), """
                customRules:
                  - id: team-label
                    title: Workloads carry a team label
                    cel: "'team' in object.metadata.labels"
                """);
        Files.writeString(dir.resolve("policies/shared/a.yaml"), """
                customRules:
                  - id: no-host-network
                    title: No host network
                    target: podSpec
                    jsonSchema: {properties: {hostNetwork: {const: false}}}
                """);
        Path config = Files.writeString(dir.resolve(".vigil.yaml"), """
                ruleFiles: [policies/team.yaml, policies/shared]
                rules:
                  team-label: error
                nonWaivable: [no-host-network]
                """);
        PolicyConfig c = ConfigFile.load(config).build();
        assertThat(c.customRules()).extracting(r -> r.metadata().id()).containsExactly("team-label", "no-host-network");
        assertThat(c.severityOverrides()).containsEntry("team-label", Severity.ERROR);
        assertThat(c.nonWaivable()).contains("no-host-network");

        // problems name the rule file and its line; a missing path names the config line
        Files.writeString(dir.resolve("policies/shared/b.yaml"), """
                customRules:
                  - id: broken
                    title: Broken
                    cel: "objct.x"
                """);
        Files.writeString(
                config, "ruleFiles:\n  - policies/team.yaml\n  - policies/shared\n  - policies/missing.yaml\n");
        assertThatThrownBy(() -> ConfigFile.load(config))
                .hasMessageContaining(
                        dir.resolve("policies/shared/b.yaml") + ":4: customRules[0].cel: does not compile")
                .hasMessageContaining(config + ":4: ruleFiles[2]: 'policies/missing.yaml' is no file or directory");
        Files.writeString(dir.resolve("policies/shared/b.yaml"), "rules: {}\n");
        assertThatThrownBy(() -> ConfigFile.load(config))
                .hasMessageContaining(
                        dir.resolve("policies/shared/b.yaml") + ":1: a rule file holds a customRules: list");
    }

    @Test
    void frontEndsReserveTheirOwnKeysAndGetTheirLines() throws Exception {
        ConfigFile.Loaded loaded = ConfigFile.parse(
                "profiles: [pss-baseline]\nwebhook:\n  enforce: pss-baseline\n  port: 8443\n",
                "vigil.yaml",
                Set.of("webhook"));
        assertThat(loaded.sections().get("webhook").get("port").asInt()).isEqualTo(8443);
        assertThat(loaded.line("webhook.port")).isEqualTo(4);
        assertThatThrownBy(() -> ConfigFile.parse("webhook: {}\n", "vigil.yaml", Set.of()))
                .hasMessage("vigil.yaml:1: webhook: unknown key, expected one of profiles, pssVersion, rules, "
                        + "exemptions, nonWaivable, customRules, ruleFiles");
    }

    @Test
    void loadNamesMissingAndBinaryFiles() throws IOException {
        assertThatThrownBy(() -> ConfigFile.load(dir.resolve("nope.yaml")))
                .hasMessage(dir.resolve("nope.yaml") + ": no such file");
        Path bin = Files.write(dir.resolve("bin.yaml"), new byte[] {(byte) 0xff, (byte) 0xfe, 0});
        assertThatThrownBy(() -> ConfigFile.load(bin)).hasMessage(bin + ": not UTF-8 text, expected a YAML file");
    }
}
