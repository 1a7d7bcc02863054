package dev.vigil.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.vigil.policy.load.LoadResult;
import dev.vigil.policy.load.ManifestLoader;
import dev.vigil.policy.report.LintResult;
import dev.vigil.policy.rules.BuiltInRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Lists of the wrong shape ({@code containers: [null]}, {@code env: {a: b}}, {@code rules: ["x"]}, …) are read
 * through {@link Fields}: no rule throws on them, and each is reported once as a {@link FieldProblem} at the line
 * marked {@code # expect-problem: <path>} in the fixtures under {@code src/test/resources/dev/vigil/policy/shapes}.
 */
class FieldShapesTest {
    private static final Path SHAPES = Path.of("src/test/resources/dev/vigil/policy/shapes");
    private static final Pattern MARKER = Pattern.compile("^\\s*#\\s*expect-problem:\\s*(\\S+)\\s*$");

    static Stream<Path> fixtures() throws IOException {
        try (Stream<Path> list = Files.list(SHAPES)) {
            return list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void everyWrongShapeIsReportedAtItsLineAndNothingThrows(Path fixture) throws IOException {
        LoadResult load = new ManifestLoader().load(List.of(fixture.toString()));
        assertThat(load.problems()).as("load problems").isEmpty();
        PolicyEngine engine = PolicyEngine.create(
                PolicyConfig.builder().profile(Profiles.RECOMMENDED).build());
        Report report = engine.evaluate(load.resources());

        List<String> found = report.problems().stream()
                .map(p -> p.position().line() + " " + p.path())
                .sorted()
                .toList();
        assertThat(found).isEqualTo(expected(fixture));
        assertThat(report.problems())
                .allSatisfy(p -> assertThat(p.toString())
                        .startsWith(fixture + ":" + p.position().line() + ":")
                        .contains(": " + p.path() + ": expected ")
                        .endsWith("; not checked")
                        .doesNotContain("\n"));
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void noBuiltInRuleThrowsOnWrongShapesAlone(Path fixture) {
        LoadResult load = new ManifestLoader().load(List.of(fixture.toString()));
        for (Rule rule : BuiltInRules.all()) {
            PolicyEngine engine = PolicyEngine.create(PolicyConfig.defaults(), List.of(rule));
            assertThatCode(() -> engine.evaluate(load.resources()))
                    .as(rule.metadata().id())
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void frontEndsSeeTheProblemsAsUnreadableInput() {
        LoadResult load = new ManifestLoader().loadText("""
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec:
                  containers: [null]
                """, "pod.yaml");
        PolicyEngine engine = PolicyEngine.create(PolicyConfig.defaults());
        LintResult result = LintResult.of("test", Path.of("."), load, engine, engine.evaluate(load.resources()));
        assertThat(result.problems())
                .extracting(Object::toString)
                .containsExactly(
                        "pod.yaml:5:16: spec.containers[0]: expected an object, got null (Pod/p); not checked");
        assertThat(result.summary().unreadable()).isEqualTo(1);
    }

    private static List<String> expected(Path fixture) throws IOException {
        List<String> lines = Files.readAllLines(fixture);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = MARKER.matcher(lines.get(i));
            if (m.matches()) {
                int j = i + 1;
                while (j < lines.size() && lines.get(j).strip().startsWith("#")) {
                    j++;
                }
                out.add((j + 1) + " " + m.group(1));
            }
        }
        out.sort(null);
        return out;
    }
}
