package dev.vigil.policy.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.policy.Resource;
import dev.vigil.policy.SourcePosition;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real charts rendered by Helm's own library (helm-java); findings must land on the templates' lines. */
class HelmChartsTest {
    private static final HelmOptions SECRETS_AND_ROOT = new HelmOptions(
            List.of(),
            List.of("extraEnv.DB_PASSWORD=hunter2", "podSecurityContext.runAsUser=0", "privileged=true"),
            "shop",
            "prod",
            null);

    @TempDir
    Path tmp;

    private static Path chart(String name) throws URISyntaxException {
        return Path.of(HelmChartsTest.class
                        .getResource("helm/" + name + "/Chart.yaml")
                        .toURI())
                .getParent();
    }

    private static LoadResult load(Path chart, HelmOptions options) {
        return new ManifestLoader().withHelm(options).load(List.of(chart.toString()));
    }

    /** The 1-based line of the first line of {@code template} containing {@code text}, after line {@code after}. */
    private static int lineOf(Path template, String text, int after) throws IOException {
        List<String> lines = Files.readAllLines(template);
        for (int i = after; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + template);
    }

    private static Resource object(LoadResult r, String kind) {
        return r.resources().stream()
                .filter(x -> x.kind().equals(kind))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void fieldsPointAtTheTemplateLineThatWroteThem() throws Exception {
        Path chart = chart("web");
        LoadResult r = load(chart, SECRETS_AND_ROOT);
        assertThat(r.problems()).isEmpty();
        assertThat(r.files()).isEqualTo(1);
        assertThat(r.resources())
                .extracting(Resource::kind)
                .containsExactlyInAnyOrder("Deployment", "Service", "ServiceAccount", "Secret");
        Path deploymentYaml = chart.resolve("templates/deployment.yaml");
        String file = chart + "/templates/deployment.yaml";
        Resource d = object(r, "Deployment");
        assertThat(d.name()).isEqualTo("shop-web");
        assertThat(d.renderedFrom()).isEqualTo(chart.toString());
        // literal lines: the field's own template line and column
        assertThat(d.position("spec.replicas")).isEqualTo(new SourcePosition(file, 8, 3));
        assertThat(d.positionNote("spec.replicas")).isNull();
        assertThat(d.position("spec.template.spec.containers[0].securityContext.privileged"))
                .isEqualTo(new SourcePosition(file, lineOf(deploymentYaml, "privileged: true", 0), 13));
        // a range body: every iteration maps to the same template lines
        int portLine = lineOf(deploymentYaml, "containerPort: {{ .port }}", 0);
        assertThat(d.position("spec.template.spec.containers[0].ports[0].containerPort")
                        .line())
                .isEqualTo(portLine);
        assertThat(d.position("spec.template.spec.containers[0].ports[1].containerPort")
                        .line())
                .isEqualTo(portLine);
        assertThat(d.position("spec.template.spec.containers[0].env[0].name").line())
                .isEqualTo(lineOf(deploymentYaml, "- name: {{ $k }}", 0));
        // written by an expression (toYaml, include): the expression's line, and the report says so
        int toYaml = lineOf(deploymentYaml, "toYaml .Values.podSecurityContext", 0);
        assertThat(d.position("spec.template.spec.securityContext.runAsUser"))
                .isEqualTo(new SourcePosition(file, toYaml, 9));
        assertThat(d.positionNote("spec.template.spec.securityContext.runAsUser"))
                .isEqualTo("line of the template expression that wrote this field");
        assertThat(d.position("metadata.labels.app\\.kubernetes\\.io/name").line())
                .isBetween(5, 6);
        assertThat(d.position("spec.template.spec.containers[0].resources.requests.cpu")
                        .line())
                .isEqualTo(lineOf(deploymentYaml, "toYaml .Values.resources", 0));

        // the second document of one template maps to its own lines, not the first document's
        Path saYaml = chart.resolve("templates/serviceaccount.yaml");
        Resource secret = object(r, "Secret");
        assertThat(secret.file()).isEqualTo(chart + "/templates/serviceaccount.yaml");
        assertThat(secret.position("metadata.name").line()).isEqualTo(lineOf(saYaml, "name:", 6));
        assertThat(object(r, "ServiceAccount").position("metadata.name").line()).isEqualTo(lineOf(saYaml, "name:", 0));
        assertThat(object(r, "Service").position("spec.type"))
                .isEqualTo(new SourcePosition(chart + "/templates/service.yaml", 8, 3));
    }

    @Test
    void valuesFilesAndSetAreAppliedInOrder() throws Exception {
        Path values = Files.writeString(tmp.resolve("prod.yaml"), "replicas: 5\nserviceAccount: {create: false}\n");
        LoadResult r = load(chart("web"), new HelmOptions(List.of(values), List.of("replicas=7"), null, null, null));
        assertThat(r.problems()).isEmpty();
        assertThat(r.resources()).extracting(Resource::kind).containsExactlyInAnyOrder("Deployment", "Service");
        Resource d = object(r, "Deployment");
        assertThat(d.json().path("spec").path("replicas").asInt()).isEqualTo(7);
        assertThat(d.name()).isEqualTo("release-name-web");
    }

    @Test
    void aValuesSchemaViolationIsOneLine() throws Exception {
        Path chart = chart("schema-violation");
        LoadResult r = load(chart, HelmOptions.DEFAULT);
        assertThat(r.resources()).isEmpty();
        assertThat(r.problems())
                .extracting(LoadProblem::toString)
                .containsExactly(chart + "/values.schema.json: values do not match the chart's values.schema.json: "
                        + "replicas: Must be greater than or equal to 1");
    }

    @Test
    void aTemplateSyntaxErrorNamesTheTemplateAndLine() throws Exception {
        Path chart = chart("syntax-error");
        assertThat(load(chart, HelmOptions.DEFAULT).problems())
                .extracting(LoadProblem::toString)
                .containsExactly(chart + "/templates/broken.yaml:6: helm template: function \"nosuchfunction\" "
                        + "not defined");
    }

    @Test
    void aFailedRequiredValueNamesTheTemplateLineAndColumn() throws Exception {
        Path chart = chart("required-value");
        assertThat(load(chart, HelmOptions.DEFAULT).problems())
                .extracting(LoadProblem::toString)
                .containsExactly(chart + "/templates/cm.yaml:6:11: helm template: host is required");
        HelmOptions host = new HelmOptions(List.of(), List.of("host=db"), null, null, null);
        assertThat(load(chart, host).resources())
                .singleElement()
                .satisfies(c ->
                        assertThat(c.json().path("data").path("host").asText()).isEqualTo("db"));
    }

    @Test
    void kubeVersionConstraintIsCheckedAgainstTheRequestedVersion() throws Exception {
        Path chart = chart("web");
        LoadResult old = load(chart, new HelmOptions(List.of(), List.of(), null, null, "v1.24"));
        assertThat(old.problems())
                .extracting(LoadProblem::toString)
                .containsExactly(chart + "/Chart.yaml:5:1: chart requires kubeVersion >=1.25.0-0, which Kubernetes "
                        + "v1.24 does not meet (--kube-version)");
        assertThat(load(chart, new HelmOptions(List.of(), List.of(), null, null, "v1.30"))
                        .problems())
                .isEmpty();
    }

    @Test
    void aSubchartWithoutReadableTemplatesPointsAtTheFileOnlyAndSaysSo() throws Exception {
        Path chart = tmp.resolve("parent");
        Files.createDirectories(chart.resolve("templates"));
        Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: parent\nversion: 1.0.0\n");
        Path sub = tmp.resolve("src/sub");
        Files.createDirectories(sub.resolve("templates"));
        Files.writeString(sub.resolve("Chart.yaml"), "apiVersion: v2\nname: sub\nversion: 1.0.0\n");
        Files.writeString(
                sub.resolve("templates/pod.yaml"),
                "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  hostNetwork: true\n  containers: []\n");
        Files.createDirectories(chart.resolve("charts"));
        Process tar = new ProcessBuilder(
                        "tar",
                        "-czf",
                        chart.resolve("charts/sub-1.0.0.tgz").toString(),
                        "-C",
                        tmp.resolve("src").toString(),
                        "sub")
                .inheritIO()
                .start();
        assertThat(tar.waitFor()).isZero();
        LoadResult r = load(chart, HelmOptions.DEFAULT);
        assertThat(r.problems()).isEmpty();
        Resource pod = r.resources().get(0);
        assertThat(pod.file()).isEqualTo(chart + "/charts/sub/templates/pod.yaml");
        assertThat(pod.position("spec.hostNetwork")).isEqualTo(new SourcePosition(pod.file(), 0, 0));
        assertThat(pod.positionNote("spec.hostNetwork")).isEqualTo("template line unknown: the template file only");
    }

    @Test
    void chartsInsideADirectoryAreRenderedOtherFilesLoadAsWritten() throws Exception {
        Path root = tmp.resolve("repo");
        copy(chart("required-value"), root.resolve("charts/cfg"));
        Files.writeString(root.resolve("ns.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata: {name: n}\n");
        LoadResult r = new ManifestLoader()
                .withHelm(new HelmOptions(List.of(), List.of("host=h"), null, null, null))
                .load(List.of(root.toString()));
        assertThat(r.problems()).isEmpty();
        assertThat(r.resources()).extracting(Resource::kind).containsExactlyInAnyOrder("ConfigMap", "Namespace");
        assertThat(r.files()).isEqualTo(2);
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
