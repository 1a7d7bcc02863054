package dev.vigil.lint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.testsupport.Requirements;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --kustomize} and the Helm chart options, end to end through {@link LintCommand}. */
class KustomizeAndHelmOptionsTest {
    private static final Path EXAMPLE_CHART =
            Path.of("../../examples/helm/shop-api").toAbsolutePath().normalize();

    private static final String CONFIG_MAP = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: %s\n";

    @TempDir
    Path dir;

    private void file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    private static void assumeKubectl() throws IOException, InterruptedException {
        Requirements.tool("kubectl", "kubectl kustomize renders the kustomization under test");
    }

    /** app/: a kustomization using two of its files (a resource and a patch) and a generator file; three strays. */
    private void kustomizeTree() throws IOException {
        file("app/kustomization.yaml", """
                resources: [cm.yaml]
                patches:
                  - path: patch.yaml
                configMapGenerator:
                  - name: settings
                    files: [conf=settings.yaml]
                """);
        file("app/cm.yaml", CONFIG_MAP.formatted("used"));
        file("app/patch.yaml", CONFIG_MAP.formatted("used") + "data: {patched: \"yes\"}\n");
        file("app/settings.yaml", "level: debug\n");
        file("app/stray.yaml", CONFIG_MAP.formatted("stray"));
        file("app/old/legacy.yml", CONFIG_MAP.formatted("legacy"));
        file("app/overlays/dev/kustomization.yaml", "resources: [extra.json]\n");
        file(
                "app/overlays/dev/extra.json",
                "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"extra\"}}\n");
    }

    private static JsonNode json(Cli r) throws IOException {
        return new ObjectMapper().readTree(r.out());
    }

    @Test
    void autoCountsTheFilesTheKustomizationDoesNotReference() throws Exception {
        assumeKubectl();
        kustomizeTree();
        Cli text = Cli.run(dir, "--profile", "schema", dir.resolve("app").toString());
        assertThat(text.exit()).isZero();
        assertThat(text.out())
                .endsWith("0 errors, 0 warnings, 0 infos in 2 objects from 1 file; 3 files not referenced by the "
                        + "kustomization (not linted; --kustomize=off lints every file)\n");
        Cli machine = Cli.run(
                dir,
                "--profile",
                "schema",
                "--format",
                "json",
                dir.resolve("app").toString());
        assertThat(json(machine).get("summary").get("notReferenced").asInt()).isEqualTo(3);
        // a kustomization that references everything: no count, the JSON summary as before
        Cli clean = Cli.run(dir, "--profile", "schema", "--format", "json", dir.resolve("app/overlays/dev") + "");
        assertThat(json(clean).get("summary").has("notReferenced")).isFalse();
    }

    @Test
    void offLintsEveryFileAsWritten() throws Exception {
        kustomizeTree();
        Cli r = Cli.run(dir, "--profile", "schema", "--kustomize=off", "--format", "json", dir.resolve("app") + "");
        JsonNode summary = json(r).get("summary");
        // cm, patch, stray, legacy, extra; settings.yaml is no Kubernetes object; kustomization files are not read
        assertThat(summary.get("objects").asInt()).isEqualTo(5);
        assertThat(summary.get("files").asInt()).isEqualTo(6);
        assertThat(summary.has("notReferenced")).isFalse();
    }

    @Test
    void onlyRendersKustomizationsAndCountsLooseFiles() throws Exception {
        assumeKubectl();
        kustomizeTree();
        file("loose.yaml", CONFIG_MAP.formatted("loose"));
        Cli r = Cli.run(dir, "--profile", "schema", "--kustomize", "only", "--format", "json", dir.toString());
        JsonNode summary = json(r).get("summary");
        assertThat(summary.get("objects").asInt()).isEqualTo(2);
        assertThat(summary.get("notReferenced").asInt()).isEqualTo(4);

        file("plain/a.yaml", CONFIG_MAP.formatted("a"));
        Cli none = Cli.run(dir, "--kustomize=only", dir.resolve("plain").toString());
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.errLines())
                .contains(dir.resolve("plain") + ": no kustomization.yaml in this directory or below "
                        + "(--kustomize=only)");
    }

    @Test
    void anUnknownKustomizeModeIsAUsageError() {
        Cli r = Cli.run(dir, "--kustomize=maybe", ".");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.errLines().get(0))
                .isEqualTo("vigil lint: --kustomize: unknown mode 'maybe'; expected off, auto or only");
    }

    @Test
    void aChartDirectoryIsRenderedAndFindingsPointAtTemplateLines() throws Exception {
        Cli r = Cli.run(
                dir,
                "--format",
                "json",
                "--values",
                EXAMPLE_CHART.resolve("values-debug.yaml").toString(),
                "--set",
                "replicaCount=3",
                "--release-name",
                "shop",
                "--namespace",
                "prod",
                EXAMPLE_CHART.toString());
        assertThat(r.errLines()).singleElement().asString().endsWith("in 4 objects from 1 file");
        assertThat(r.exit()).isEqualTo(1);
        JsonNode findings = json(r).get("findings");
        String deployment = EXAMPLE_CHART.resolve("templates/deployment.yaml").toString();
        assertThat(findings)
                .anySatisfy(f -> {
                    assertThat(f.get("ruleId").asText()).isEqualTo("pss-allow-privilege-escalation");
                    assertThat(f.get("file").asText()).isEqualTo(deployment);
                    assertThat(f.get("line").asInt()).isEqualTo(31);
                    assertThat(f.get("column").asInt()).isEqualTo(13);
                    assertThat(f.get("object").get("name").asText()).isEqualTo("shop-shop-api");
                    assertThat(f.has("positionNote")).isFalse();
                })
                .anySatisfy(f -> {
                    assertThat(f.get("ruleId").asText()).isEqualTo("pss-run-as-user");
                    assertThat(f.get("line").asInt()).isEqualTo(20); // the toYaml line
                    assertThat(f.get("positionNote").asText())
                            .isEqualTo("line of the template expression that wrote this field");
                })
                .anySatisfy(f -> {
                    assertThat(f.get("ruleId").asText()).isEqualTo("service-nodeport");
                    assertThat(f.get("file").asText())
                            .isEqualTo(EXAMPLE_CHART
                                    .resolve("templates/service.yaml")
                                    .toString());
                    assertThat(f.get("line").asInt()).isEqualTo(8);
                });
    }

    @Test
    void renderingErrorsAreOneLineWithExitTwo() throws Exception {
        Cli schema = Cli.run(dir, "--set", "replicaCount=0", EXAMPLE_CHART.toString());
        assertThat(schema.exit()).isEqualTo(2);
        assertThat(schema.errLines())
                .containsExactly(EXAMPLE_CHART + "/values.schema.json: values do not match the chart's "
                        + "values.schema.json: replicaCount: Must be greater than or equal to 1");
        Cli old = Cli.run(dir, "--kube-version", "v1.24", EXAMPLE_CHART.toString());
        assertThat(old.exit()).isEqualTo(2);
        assertThat(old.errLines())
                .containsExactly(EXAMPLE_CHART + "/Chart.yaml:7:1: chart requires kubeVersion >=1.25.0-0, which "
                        + "Kubernetes v1.24 does not meet (--kube-version)");
        Cli noValues = Cli.run(dir, "--values", "missing.yaml", EXAMPLE_CHART.toString());
        assertThat(noValues.exit()).isEqualTo(2);
        assertThat(noValues.errLines().get(0)).isEqualTo("vigil lint: --values: no such file: missing.yaml");
        Cli badSet = Cli.run(dir, "--set", "replicaCount", EXAMPLE_CHART.toString());
        assertThat(badSet.errLines().get(0)).isEqualTo("vigil lint: --set: 'replicaCount' is not key=value");
    }
}
