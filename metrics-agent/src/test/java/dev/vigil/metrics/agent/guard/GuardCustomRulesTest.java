package dev.vigil.metrics.agent.guard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.metrics.MetricsConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Custom rules ({@code guard.rules}) in the guard's pipeline, fed by hand the way the woven hooks feed it. */
class GuardCustomRulesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RULES = """
            - rule: curl-from-the-app
              desc: curl started
              priority: Warning
              condition: kind == "process" && proc.cmdline.contains("curl")
              output: "curl started (command=%proc.cmdline route=%http.route)"
              tags: [network, mitre_command_and_control]
              exceptions:
                - name: health
                  condition: proc.cmdline.endsWith("/health")
            - rule: app-config-read
              desc: config read
              priority: Notice
              condition: kind == "file" && fd.name.endsWith("/app/secret.properties")
              output: "secret config %fd.name %fd.access"
            """;

    @TempDir
    Path tmp;

    private final List<String> lines = new ArrayList<>();
    private final GuardCounters counters = new GuardCounters();

    private Guard guard(String options, String rules) throws Exception {
        Path file = tmp.resolve("rules.yaml");
        Files.writeString(file, rules);
        List<String> problems = new ArrayList<>();
        CustomRuleSet set = CustomRuleSet.load(file, problems);
        assertThat(problems).isEmpty();
        return new Guard(
                MetricsConfig.parse(options, Map.of(), Map.of()),
                counters,
                lines::add,
                new SensitivePaths("/home/app", "/srv/app"),
                set);
    }

    private List<JsonNode> events() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String l : lines) {
            out.add(FalcoShape.check(JSON.readTree(l)));
        }
        return out;
    }

    @Test
    void aCustomRuleFiresWhereNoBuiltInRuleDoesWithItsOwnOutputTagsAndCounter() throws Exception {
        Guard g = guard("guard=detect", RULES);
        // a process outside any request: no built-in rule, the custom rule matches
        assertThat(GuardCallback.check(g, "process", new ProcessBuilder("curl", "-s", "http://x/")))
                .isNull();

        assertThat(events()).hasSize(1);
        JsonNode e = events().get(0);
        assertThat(e.get("rule").asText()).isEqualTo("curl-from-the-app");
        assertThat(e.get("priority").asText()).isEqualTo("Warning");
        assertThat(e.get("output").asText()).isEqualTo("curl started (command=curl -s http://x/ route=<NA>)");
        assertThat(e.get("output_fields").get("proc.cmdline").asText()).isEqualTo("curl -s http://x/");
        assertThat(e.get("output_fields").get("thread.name").asText())
                .isEqualTo(Thread.currentThread().getName());
        assertThat(e.get("tags").toString())
                .isEqualTo("[\"vigil\",\"network\",\"mitre_command_and_control\",\"detected\"]");
        assertThat(counters.count("curl-from-the-app", "Warning", "detected")).isEqualTo(1);
    }

    @Test
    void anExceptionSuppressesAndOtherCommandsDoNotMatch() throws Exception {
        Guard g = guard("guard=block", RULES);
        assertThat(GuardCallback.check(g, "process", new ProcessBuilder("curl", "http://localhost/health")))
                .isNull();
        assertThat(GuardCallback.check(g, "process", new ProcessBuilder("ls", "-l")))
                .isNull();
        assertThat(lines).isEmpty();
        assertThat(counters.count("curl-from-the-app", "Warning", "blocked")).isZero();
    }

    @Test
    void inBlockModeAMatchingCustomRuleBlocksWithItsId() throws Exception {
        Guard g = guard("guard=block", RULES);
        Object r = GuardCallback.check(g, "file.read", "../app/secret.properties");

        assertThat(r).isInstanceOf(SecurityException.class);
        assertThat(((SecurityException) r).getMessage()).endsWith("rule app-config-read");
        JsonNode e = events().get(0);
        assertThat(e.get("output").asText()).isEqualTo("secret config /srv/app/secret.properties read");
        assertThat(e.get("tags").toString()).endsWith("\"blocked\"]");
        assertThat(counters.count("app-config-read", "Notice", "blocked")).isEqualTo(1);
    }

    @Test
    void aBuiltInAndACustomRuleOnTheSameCallAreTwoEventsAndTheBuiltInBlocks() throws Exception {
        Guard g = guard("guard=block", """
                - rule: any-shadow
                  desc: d
                  priority: Alert
                  condition: kind == "file" && fd.name.contains("shadow")
                  output: shadow %fd.name
                """);
        Object r = GuardCallback.check(g, "file.read", "/etc/shadow");

        assertThat(((SecurityException) r).getMessage()).endsWith("rule sensitive-file-read");
        assertThat(events())
                .extracting(e -> e.get("rule").asText())
                .containsExactly("sensitive-file-read", "any-shadow");
    }

    @Test
    void onlyTheKindsTheRulesNameHaveTheirFieldsBuilt() throws Exception {
        Guard g = guard("guard=detect", RULES);
        assertThat(g.customFor("process")).isTrue();
        assertThat(g.customFor("file")).isTrue();
        assertThat(g.customFor("jndi")).isFalse();
        assertThat(g.customFor("connect")).isFalse();
        Guard none = new Guard(
                MetricsConfig.parse("guard=detect", Map.of(), Map.of()),
                counters,
                lines::add,
                new SensitivePaths("/home/app", "/srv/app"));
        assertThat(none.customFor("process")).isFalse();

        Guard anyKind = guard("guard=detect", """
                - rule: r
                  desc: d
                  priority: Notice
                  condition: thread.name == "nope"
                  output: o
                - rule: off
                  desc: d
                  priority: Notice
                  enabled: false
                  condition: kind == "jndi"
                  output: o
                """);
        assertThat(anyKind.customFor("jndi"))
                .as("a condition that names no kind may match any")
                .isTrue();
    }

    @Test
    void customRulesAreRateLimitedAndEveryMatchIsCounted() throws Exception {
        Guard g = guard("guard=detect,guard.rate=2", RULES);
        for (int i = 0; i < 5; i++) {
            GuardCallback.check(g, "process", new ProcessBuilder("curl", "x"));
        }
        assertThat(lines).hasSize(2);
        assertThat(counters.count("curl-from-the-app", "Warning", "detected")).isEqualTo(5);
    }

    @Test
    void aRulesFileThatDoesNotCompileIsOneProblemPerLineNamingFileLineAndField() throws Exception {
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, "- rule: r\n  desc: d\n  priority: Notice\n  condition: prc.x == 'a'\n  output: o\n");
        List<String> problems =
                GuardAgent.prepare(MetricsConfig.parse("guard=detect,guard.rules=" + bad, Map.of(), Map.of()));
        assertThat(problems)
                .containsExactly(
                        bad + ":4: field 'condition': does not compile: undeclared reference to 'prc' (at 1:1)");
    }

    @Test
    void aBadOutputIsOneProblemNamingIt() {
        List<String> problems = GuardAgent.prepare(MetricsConfig.parse(
                "guard=detect,guard.output=" + tmp.resolve("missing/events.json"), Map.of(), Map.of()));
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0)).startsWith("guard.output '" + tmp.resolve("missing/events.json") + "': folder");
    }
}
