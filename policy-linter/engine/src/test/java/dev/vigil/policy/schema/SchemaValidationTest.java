package dev.vigil.policy.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.policy.Finding;
import dev.vigil.policy.PolicyConfig;
import dev.vigil.policy.PolicyEngine;
import dev.vigil.policy.Profiles;
import dev.vigil.policy.load.LoadResult;
import dev.vigil.policy.load.ManifestLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaValidationTest {
    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  hostnameOverride: web-0
                  containers:
                    - name: app
                      image: registry.example/web:1.0
                      imagePullPolicyy: Always
            """;

    private static List<String> lint(String yaml, PolicyConfig.Builder config) {
        LoadResult loaded = new ManifestLoader().loadText(yaml, "in.yaml");
        assertThat(loaded.problems()).isEmpty();
        PolicyConfig cfg = config.profiles(List.of(Profiles.SCHEMA)).build();
        return PolicyEngine.create(cfg).evaluate(loaded.resources()).findings().stream()
                .map(SchemaValidationTest::line)
                .toList();
    }

    private static String line(Finding f) {
        return f.position() + " " + f.ruleId() + " " + f.message();
    }

    @Test
    void misspelledFieldIsReportedAtItsLineWithTheClosestDefinedField() {
        assertThat(lint(DEPLOYMENT, PolicyConfig.builder()))
                .containsExactly("in.yaml:16:11 schema-unknown-field unknown field"
                        + " \"spec.template.spec.containers[0].imagePullPolicyy\"; did you mean \"imagePullPolicy\"?"
                        + " (apps/v1 Deployment, Kubernetes " + KubeSchemas.newest() + ")");
    }

    @Test
    void aFieldNewerThanTheSelectedKubernetesVersionIsUnknown() {
        String oldest = KubeSchemas.versions().get(KubeSchemas.versions().size() - 1);
        assertThat(oldest).isEqualTo("v1.30");
        assertThat(lint(DEPLOYMENT, PolicyConfig.builder().kubeVersion("1.30")))
                .containsExactly(
                        "in.yaml:12:7 schema-unknown-field unknown field \"spec.template.spec.hostnameOverride\""
                                + " (apps/v1 Deployment, Kubernetes v1.30)",
                        "in.yaml:16:11 schema-unknown-field unknown field"
                                + " \"spec.template.spec.containers[0].imagePullPolicyy\"; did you mean"
                                + " \"imagePullPolicy\"? (apps/v1 Deployment, Kubernetes v1.30)");
    }

    @Test
    void kubernetesVersionsResolveToTheNewestBundledOneNotNewerThanRequested() {
        assertThat(KubeSchemas.versions()).containsExactly("v1.37", "v1.33", "v1.30");
        assertThat(KubeSchemas.resolve(null)).isEqualTo("v1.37");
        assertThat(KubeSchemas.resolve("v1.33")).isEqualTo("v1.33");
        assertThat(KubeSchemas.resolve("1.35.2")).isEqualTo("v1.33");
        assertThat(KubeSchemas.resolve("v1.20")).isEqualTo("v1.30");
        assertThatThrownBy(() -> KubeSchemas.resolve("latest"))
                .hasMessage(
                        "Kubernetes version 'latest' is not valid; expected v1.MINOR (bundled: v1.37, v1.33, v1.30)");
    }

    @Test
    void wrongTypesAndMissingRequiredFieldsNameTheFieldAndTheValue() {
        String yaml = """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: p
                  labels: {version: 1.0}
                spec:
                  containers:
                    - image: registry.example/web:1.0
                      ports:
                        - containerPort: "8080"
                """;
        assertThat(lint(yaml, PolicyConfig.builder()))
                .containsExactly(
                        "in.yaml:5:12 schema-wrong-type metadata.labels.version: expected string but got number 1.0"
                                + " (v1 Pod, Kubernetes v1.37)",
                        "in.yaml:8:7 schema-missing-required spec.containers[0]: missing required field \"name\""
                                + " (v1 Pod, Kubernetes v1.37)",
                        "in.yaml:10:11 schema-wrong-type spec.containers[0].ports[0].containerPort: expected integer"
                                + " but got string \"8080\" (v1 Pod, Kubernetes v1.37)");
    }

    @Test
    void crdValidationRulesAreEvaluatedWithSelfAndTheirMessages() throws IOException {
        String yaml = Files.readString(
                Path.of("src/main/resources/dev/vigil/policy/rules/schema-crd-rule/fail/min-max.yaml"));
        assertThat(lint(yaml, PolicyConfig.builder()))
                .containsExactly(
                        "in.yaml:40:3 schema-crd-rule minReplicas must not exceed maxReplicas (rule of the"
                                + " CustomResourceDefinition)",
                        "in.yaml:43:3 schema-crd-rule target statefulset/web is not a deployment/NAME (rule of the"
                                + " CustomResourceDefinition)");
    }

    @Test
    void aCrdWhoseSchemaCannotBeCompiledSkipsItsObjectsWithTheReason() {
        String yaml = """
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: gadgets.example.com}
                spec:
                  group: example.com
                  names: {kind: Gadget, plural: gadgets}
                  scope: Namespaced
                  versions:
                    - name: v1
                      served: true
                      storage: true
                      schema:
                        openAPIV3Schema:
                          type: object
                          properties:
                            spec: {type: object, properties: {code: {type: string, pattern: "(["}}}
                ---
                apiVersion: example.com/v1
                kind: Gadget
                metadata: {name: g}
                spec: {code: x}
                """;
        assertThat(lint(yaml, PolicyConfig.builder()))
                .singleElement()
                .asString()
                .isEqualTo("in.yaml:18:1 schema-skipped the CustomResourceDefinition schema of example.com/v1 Gadget"
                        + " cannot be compiled (PatternSyntaxException: Unclosed character class near index 1);"
                        + " not validated");
    }

    @Test
    void customResourcesAreValidatedAgainstCrdsFromCrdPathsOrSkippedAndCounted(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("crd.yaml"), """
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: widgets.example.com}
                spec:
                  group: example.com
                  names: {kind: Widget, plural: widgets}
                  scope: Namespaced
                  versions:
                    - name: v1
                      served: true
                      storage: true
                      schema:
                        openAPIV3Schema:
                          type: object
                          properties:
                            spec:
                              type: object
                              properties:
                                size: {type: integer, nullable: true}
                """);
        String widget = """
                apiVersion: example.com/v1
                kind: Widget
                metadata: {name: w}
                spec:
                  size: null
                  colour: blue
                """;
        assertThat(lint(widget, PolicyConfig.builder()))
                .containsExactly("in.yaml:1:1 schema-skipped no schema for example.com/v1 Widget: no"
                        + " CustomResourceDefinition for it in the input or in --crd; not validated");
        assertThat(lint(widget, PolicyConfig.builder().crdPath(dir.toString())))
                .containsExactly("in.yaml:6:3 schema-unknown-field unknown field \"spec.colour\" (example.com/v1"
                        + " Widget, from its CustomResourceDefinition)");
    }
}
