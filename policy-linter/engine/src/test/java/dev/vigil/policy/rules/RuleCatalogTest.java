package dev.vigil.policy.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.policy.Finding;
import dev.vigil.policy.PolicyConfig;
import dev.vigil.policy.PolicyEngine;
import dev.vigil.policy.Rule;
import dev.vigil.policy.load.LoadResult;
import dev.vigil.policy.load.ManifestLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Keeps the catalogue honest: every built-in rule has a folder with metadata and at least one pass and one fail
 * fixture; pass fixtures yield no finding of the rule; in fail fixtures the findings are exactly on the lines
 * marked with {@code # expect: <rule-id>} (the marker sits on a line above the offending field). A marker may name
 * the finding's severity, {@code # expect: <rule-id> warning}, for rules whose severity depends on the input.
 */
class RuleCatalogTest {
    static final Path RULES = Path.of("src/main/resources/dev/vigil/policy/rules");
    private static final Pattern EXPECT =
            Pattern.compile("^\\s*#\\s*expect:\\s*([a-z0-9-]+)(?:\\s+(error|warning|info))?\\s*$");

    @Test
    void everyRuleFolderBelongsToARegisteredRuleAndViceVersa() throws IOException {
        Set<String> registered =
                BuiltInRules.all().stream().map(r -> r.metadata().id()).collect(Collectors.toCollection(TreeSet::new));
        Set<String> folders;
        try (Stream<Path> list = Files.list(RULES)) {
            folders = list.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(folders).isEqualTo(registered);
    }

    @Test
    void ruleIdsAreKebabCaseAndUnique() {
        List<String> ids =
                BuiltInRules.all().stream().map(r -> r.metadata().id()).toList();
        assertThat(ids).doesNotHaveDuplicates().allMatch(id -> id.matches("[a-z0-9]+(-[a-z0-9]+)*"));
        assertThat(BuiltInRules.all())
                .allSatisfy(r -> assertThat(r.metadata().remediation()).endsWith("."));
    }

    @TestFactory
    Stream<DynamicTest> fixturesOfEveryRule() {
        return BuiltInRules.all().stream().flatMap(rule -> {
            String id = rule.metadata().id();
            List<Path> pass = fixtures(id, "pass");
            List<Path> fail = fixtures(id, "fail");
            List<DynamicTest> tests = new ArrayList<>();
            tests.add(DynamicTest.dynamicTest(id + " has pass and fail fixtures", () -> {
                assertThat(pass).as(id + "/pass").isNotEmpty();
                assertThat(fail).as(id + "/fail").isNotEmpty();
            }));
            for (Path p : pass) {
                tests.add(DynamicTest.dynamicTest(
                        id + " passes " + p.getFileName(),
                        () -> assertThat(findingLines(rule, p))
                                .as("findings of %s in %s", id, p)
                                .isEmpty()));
            }
            for (Path p : fail) {
                tests.add(DynamicTest.dynamicTest(id + " fails " + p.getFileName(), () -> {
                    List<Integer> expected = expectedLines(p, id);
                    assertThat(expected)
                            .as("%s has no '# expect: %s' marker", p, id)
                            .isNotEmpty();
                    assertThat(findingLines(rule, p))
                            .as("lines of %s findings in %s", id, p)
                            .isEqualTo(expected);
                    List<String> expectedSeverities = expectedSeverities(p, id);
                    Set<Integer> rated = expectedSeverities.stream()
                            .map(s -> Integer.valueOf(s.substring(0, s.indexOf(' '))))
                            .collect(Collectors.toSet());
                    assertThat(findingSeverities(rule, p).stream()
                                    .filter(s -> rated.contains(Integer.valueOf(s.substring(0, s.indexOf(' ')))))
                                    .toList())
                            .as("severities of %s findings in %s", id, p)
                            .isEqualTo(expectedSeverities);
                }));
            }
            return tests.stream();
        });
    }

    static List<Path> fixtures(String id, String kind) {
        Path dir = RULES.resolve(id).resolve(kind);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Integer> findingLines(Rule rule, Path fixture) {
        LoadResult loaded = new ManifestLoader().load(List.of(fixture.toString()));
        assertThat(loaded.problems()).as("load problems in %s", fixture).isEmpty();
        PolicyEngine engine = PolicyEngine.create(PolicyConfig.defaults(), List.of(rule));
        return engine.evaluate(loaded.resources()).findings().stream()
                .filter(f -> f.ruleId().equals(rule.metadata().id()))
                .map(Finding::position)
                .map(pos -> pos.line())
                .sorted()
                .toList();
    }

    /** {@code "<line> <severity>"} of every finding of {@code rule} in {@code fixture}, sorted. */
    static List<String> findingSeverities(Rule rule, Path fixture) {
        LoadResult loaded = new ManifestLoader().load(List.of(fixture.toString()));
        PolicyEngine engine = PolicyEngine.create(PolicyConfig.defaults(), List.of(rule));
        return engine.evaluate(loaded.resources()).findings().stream()
                .filter(f -> f.ruleId().equals(rule.metadata().id()))
                .map(f -> f.position().line() + " " + f.severity().id())
                .sorted()
                .toList();
    }

    /** {@code "<line> <severity>"} of each marker for {@code id} that names a severity, sorted. */
    static List<String> expectedSeverities(Path fixture, String id) throws IOException {
        List<String> lines = Files.readAllLines(fixture);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = EXPECT.matcher(lines.get(i));
            if (m.matches() && m.group(1).equals(id) && m.group(2) != null) {
                out.add(targetLine(lines, i) + " " + m.group(2));
            }
        }
        out.sort(null);
        return out;
    }

    private static int targetLine(List<String> lines, int marker) {
        int j = marker + 1;
        while (j < lines.size() && lines.get(j).strip().startsWith("#")) {
            j++;
        }
        return j + 1;
    }

    /** The line of the first non-comment line after each marker for {@code id}. */
    static List<Integer> expectedLines(Path fixture, String id) throws IOException {
        List<String> lines = Files.readAllLines(fixture);
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = EXPECT.matcher(lines.get(i));
            if (m.matches() && m.group(1).equals(id)) {
                out.add(targetLine(lines, i));
            }
        }
        out.sort(null);
        return out;
    }
}
