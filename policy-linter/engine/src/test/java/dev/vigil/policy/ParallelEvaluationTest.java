package dev.vigil.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.policy.load.LoadResult;
import dev.vigil.policy.load.ManifestLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Rules spread over the cores (large inputs) must give exactly the report the sequential run gives. */
class ParallelEvaluationTest {
    private static final Path RULES = Path.of("src/main/resources/dev/vigil/policy/rules");

    @Test
    void parallelAndSequentialReportsAreIdentical() throws IOException {
        List<String> fixtures;
        try (Stream<Path> all = Files.walk(RULES)) {
            fixtures = all.filter(p -> p.toString().endsWith(".yaml") && !p.endsWith("rule.yaml"))
                    .map(Path::toString)
                    .sorted()
                    .toList();
        }
        LoadResult loaded = new ManifestLoader().load(fixtures);
        assertThat(loaded.resources()).hasSizeGreaterThan(256);
        ResourceSet set = ResourceSet.of(loaded.resources());
        PolicyEngine engine = PolicyEngine.create(PolicyConfig.defaults());

        Report sequential = engine.evaluate(set, false);
        Report parallel = engine.evaluate(ResourceSet.of(loaded.resources()), true);

        assertThat(sequential.findings()).hasSizeGreaterThan(500);
        assertThat(parallel.findings()).containsExactlyElementsOf(sequential.findings());
        assertThat(render(parallel)).isEqualTo(render(sequential));
    }

    private static List<String> render(Report r) {
        return r.findings().stream()
                .map(f -> f.ruleId() + " " + f.position() + " " + f.message() + " " + f.suppression())
                .toList();
    }
}
