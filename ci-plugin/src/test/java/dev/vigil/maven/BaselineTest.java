package dev.vigil.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.archrules.report.Baseline;
import dev.vigil.archrules.report.Issue;
import dev.vigil.policy.PolicyConfig;
import dev.vigil.policy.report.LintResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fingerprints survive line shifts; the baseline suppresses, finds stale and expired entries, keeps reasons. */
class BaselineTest {
    static final String PRIVILEGED = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: web
              namespace: shop
            spec:
              containers:
                - name: app
                  image: registry.example/app:1.0
                  securityContext:
                    privileged: true
            """;
    static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

    @TempDir
    Path root;

    List<Issue> lint(String manifest) throws Exception {
        Files.createDirectories(root.resolve("k8s"));
        Files.writeString(root.resolve("k8s/pod.yaml"), manifest);
        LintResult result = LintRun.lint(
                "test",
                root,
                List.of(root.resolve("k8s")),
                PolicyConfig.builder().profile("pss-baseline").build());
        return LintRun.issues(result, root);
    }

    @Test
    void lintFingerprintsSurviveLineShifts() throws Exception {
        List<Issue> before = lint(PRIVILEGED);
        List<Issue> after = lint("# a comment\n# and another\n" + PRIVILEGED);
        assertThat(before).extracting(Issue::ruleId).containsExactly("pss-privileged");
        assertThat(after.get(0).line()).isEqualTo(before.get(0).line() + 2);
        assertThat(after.get(0).fingerprint()).isEqualTo(before.get(0).fingerprint());
        assertThat(before.get(0).file()).isEqualTo("k8s/pod.yaml");
    }

    @Test
    void fingerprintsNameContainersInsteadOfCountingThem() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree("{\"spec\":{\"containers\":[{\"name\":\"a\"},{\"image\":\"x\"}]}}");
        assertThat(LintRun.semanticPath(json, "spec.containers[0].securityContext.privileged"))
                .isEqualTo("spec.containers[name=a].securityContext.privileged");
        assertThat(LintRun.semanticPath(json, "spec.containers[1].image")).isEqualTo("spec.containers[1].image");
        assertThat(LintRun.semanticPath(json, "spec.volumes[3]")).isEqualTo("spec.volumes[3]");
    }

    @Test
    void baselinedFindingsAreSuppressedAndNewOnesCount() throws Exception {
        List<Issue> old = lint(PRIVILEGED);
        Baseline baseline = Baseline.empty().replace(Baseline.LINT, old, "legacy pod, removed in Q1");
        List<Issue> now = lint(PRIVILEGED.replace(
                "    - name: app",
                "    - name: sidecar\n"
                        + "      image: registry.example/sidecar:1.0\n      securityContext:\n        privileged: true\n"
                        + "    - name: app"));
        Baseline.Applied applied = baseline.apply(now, Baseline.LINT, TODAY);
        assertThat(applied.issues())
                .extracting(Issue::subject, Issue::suppression)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(
                                "Pod/shop/web spec.containers[0].securityContext.privileged", null),
                        org.assertj.core.groups.Tuple.tuple(
                                "Pod/shop/web spec.containers[1].securityContext.privileged",
                                "baselined: legacy pod, removed in Q1"));
        assertThat(applied.stale()).isEmpty();
    }

    @Test
    void fixedFindingsLeaveStaleEntriesOfTheirGoalOnly() throws Exception {
        Baseline baseline = new Baseline(List.of(
                new Baseline.Entry("pss-privileged", "00ff", "k8s/pod.yaml:11:9 Pod/shop/web", "why", null),
                new Baseline.Entry("VIGIL-ARCH-002", "11ee", "A.java:3 a.A.m", "why", null)));
        Baseline.Applied applied = baseline.apply(List.of(), Baseline.LINT, TODAY);
        assertThat(applied.stale()).extracting(Baseline.Entry::ruleId).containsExactly("pss-privileged");
        assertThat(baseline.without(applied.stale()).entries())
                .extracting(Baseline.Entry::ruleId)
                .containsExactly("VIGIL-ARCH-002");
    }

    @Test
    void expiredEntriesStopSuppressing() throws Exception {
        List<Issue> issues = lint(PRIVILEGED);
        Baseline baseline = new Baseline(List.of(new Baseline.Entry(
                "pss-privileged", issues.get(0).fingerprint(), "", "until the migration", TODAY.minusDays(1))));
        Baseline.Applied applied = baseline.apply(issues, Baseline.LINT, TODAY);
        assertThat(applied.issues().get(0).suppressed()).isFalse();
        assertThat(applied.expired()).hasSize(1);
    }

    @Test
    void writesAndReadsTheFileKeepingJustificationAndExpiry() throws Exception {
        List<Issue> issues = lint(PRIVILEGED);
        Path file = root.resolve("vigil-baseline.json");
        Baseline.empty().replace(Baseline.LINT, issues, "first").write(file);
        String text = Files.readString(file);
        assertThat(text).contains("\"ruleId\" : \"pss-privileged\"", "\"justification\" : \"first\"");
        Files.writeString(
                file,
                text.replace("\"expires\" : null", "\"expires\" : \"2027-06-30\"")
                        .replace("\"first\"", "\"the GPU driver needs it\""));
        Baseline read = Baseline.read(file, "vigil-baseline.json");
        Baseline again = read.replace(Baseline.LINT, issues, "second");
        assertThat(again.entries())
                .extracting(Baseline.Entry::justification, Baseline.Entry::expires)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("the GPU driver needs it", LocalDate.of(2027, 6, 30)));
    }

    @Test
    void invalidFilesFailWithOneLine() throws Exception {
        Path file = root.resolve("vigil-baseline.json");
        Files.writeString(file, "{\n  \"entries\": [\n    {\"ruleId\": }\n  ]\n}\n");
        assertThatThrownBy(() -> Baseline.read(file, "vigil-baseline.json"))
                .hasMessageStartingWith("vigil-baseline.json:3:")
                .hasMessageContaining("not valid JSON");
        Files.writeString(file, "{\"entries\": [{\"ruleId\": \"x\", \"fingerprint\": \"y\", \"expires\": \"soon\"}]}");
        assertThatThrownBy(() -> Baseline.read(file, "vigil-baseline.json"))
                .hasMessage(
                        "vigil-baseline.json: entries[0]: expires was 'soon' but it must be a date like 2027-06-30");
    }
}
