package dev.vigil.metrics.agent.guard.custom;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vigil.testsupport.FuzzProperties;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Fuzz targets for custom guard rules: a rules file either loads or fails with a one-line {@link
 * CustomRulesException} naming file, line and field, in bounded time; a loaded rule's {@code matches} and {@code
 * render} never throw, whatever the event's fields. Stored inputs run in every build; {@code benchmarks/fuzz.sh}
 * fuzzes.
 */
class CustomRulesFuzzTest {
    private static final String LABEL = "rules.yaml";

    @FuzzTest(maxDuration = "5m")
    void rulesFile(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        Throwable thrown = FuzzProperties.check(
                "rules file",
                () -> {
                    CustomRules rules = CustomRules.parse(text, LABEL);
                    for (CustomRule r : rules.rules()) {
                        assertThat(r.id()).isNotBlank();
                        assertThat(RuleParser.PRIORITIES).contains(r.priority());
                        r.matches("process", Map.of("proc.cmdline", "curl x"));
                        assertThat(r.render(Map.of())).isNotNull();
                    }
                },
                CustomRulesException.class);
        if (thrown instanceof CustomRulesException e) {
            assertThat(e.getMessage())
                    .startsWith(LABEL + ":")
                    .contains(": field '")
                    .doesNotContain("\n", "\r");
            assertThat(e.problems()).isNotEmpty().allSatisfy(p -> assertThat(p).doesNotContain("\n"));
            assertThat(e.line()).isPositive();
        }
    }

    private static final CustomRules FIXED;

    static {
        try {
            FIXED = CustomRules.parse("""
                    - rule: any
                      desc: every field read at least once
                      priority: Notice
                      condition: >
                        kind == "process" && proc.cmdline.matches("c[u]rl") || fd.name.startsWith("/etc")
                        || jndi.url.contains(":") || net.port in ["389"] || class.name.endsWith("Transformer")
                        || http.route.size() > 3 || thread.name == "main" || java["stack.top"] != ""
                        || proc.exists(k, k.startsWith("a") && proc[k].lowerAscii() == "x")
                      output: "%proc.cmdline %fd.name %jndi.url %net.host:%net.port %class.name %http.method
                        %http.route %thread.name %java.stack %proc.aname[2]."
                      exceptions:
                        - name: e
                          condition: proc.cmdline.split(" ").size() > 5
                    """, LABEL);
        } catch (CustomRulesException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @FuzzTest(maxDuration = "5m")
    void event(byte[] input) {
        // kind, then name=value pairs separated by NUL
        String[] parts = new String(input, StandardCharsets.UTF_8).split("\0", 64);
        Map<String, String> fields = new HashMap<>();
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            fields.put(eq < 0 ? parts[i] : parts[i].substring(0, eq), eq < 0 ? "" : parts[i].substring(eq + 1));
        }
        CustomRule rule = FIXED.rules().get(0);
        FuzzProperties.check("event", () -> {
            rule.matches(parts[0], fields);
            String out = rule.render(fields);
            assertThat(out).doesNotContain("\n", "\r");
        });
    }
}
