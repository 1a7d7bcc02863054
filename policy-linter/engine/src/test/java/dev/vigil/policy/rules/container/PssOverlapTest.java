package dev.vigil.policy.rules.container;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.policy.Finding;
import dev.vigil.policy.PolicyConfig;
import dev.vigil.policy.PolicyEngine;
import dev.vigil.policy.PssVersion;
import dev.vigil.policy.load.ManifestLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Rules that restate a Pod Security Standards restricted check stay silent when that check runs in the same
 * evaluation, so the {@code recommended} profile reports each problem once; alone (best-practices) they report.
 */
class PssOverlapTest {
    private static final String POD = """
            apiVersion: v1
            kind: Pod
            metadata: {name: p}
            spec:
              containers:
                - name: app
                  image: registry.example/app:1.0
                - name: root
                  image: registry.example/app:1.0
                  securityContext: {runAsNonRoot: true, runAsUser: 0}
            """;

    private static List<String> ruleIds(PolicyConfig config) {
        return PolicyEngine.create(config)
                .evaluate(new ManifestLoader().loadText(POD, "in.yaml").resources())
                .findings()
                .stream()
                .map(Finding::ruleId)
                .filter(id -> id.contains("run-as-") || id.contains("capabilities") || id.contains("net-raw"))
                .distinct()
                .sorted()
                .toList();
    }

    @Test
    void recommendedReportsEachProblemOnceThroughPss() {
        assertThat(ruleIds(PolicyConfig.defaults()))
                .containsExactly("pss-capabilities-restricted", "pss-run-as-non-root", "pss-run-as-user");
    }

    @Test
    void bestPracticesAloneReportsThem() {
        assertThat(ruleIds(PolicyConfig.builder().profile("best-practices").build()))
                .containsExactly("net-raw-not-dropped", "run-as-non-root");
    }

    @Test
    void olderPssVersionsWithoutTheCheckLeaveItToTheRule() {
        assertThat(ruleIds(PolicyConfig.builder().pssVersion(PssVersion.v1(21)).build()))
                .containsExactly("net-raw-not-dropped", "pss-run-as-non-root", "run-as-non-root");
    }
}
