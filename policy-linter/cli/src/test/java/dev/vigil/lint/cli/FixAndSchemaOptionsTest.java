package dev.vigil.lint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --fix}, {@code --fix --dry-run}, {@code --kube-version} and {@code --crd} through {@code vigil lint}. */
class FixAndSchemaOptionsTest {
    private static final String POD = """
            # a debug pod
            apiVersion: v1
            kind: Pod
            metadata:
              name: debug
            spec:
              containers:
                - name: shell   # the only container
                  image: registry.example/toolbox:1
            """;

    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, text);
    }

    @Test
    void fixWritesTheDefaultsInPlaceAndTheResultPassesPssRestricted() throws IOException {
        Path pod = file("pod.yaml", POD);
        assertThat(Cli.run(dir, "--profile", "pss-restricted", pod.toString()).exit())
                .isEqualTo(1);
        Cli r = Cli.run(dir, "--profile", "pss-restricted", "--fix", pod.toString());
        assertThat(r.err()).contains("vigil lint: --fix: 1 file(s) changed");
        assertThat(r.exit()).isZero();
        assertThat(Files.readString(pod)).isEqualTo("""
                        # a debug pod
                        apiVersion: v1
                        kind: Pod
                        metadata:
                          name: debug
                        spec:
                          securityContext:
                            runAsNonRoot: true
                            seccompProfile:
                              type: RuntimeDefault
                          containers:
                            - name: shell   # the only container
                              securityContext:
                                allowPrivilegeEscalation: false
                                capabilities:
                                  drop: ["ALL"]
                              image: registry.example/toolbox:1
                        """);
    }

    @Test
    void dryRunPrintsAUnifiedDiffAndChangesNothing() throws IOException {
        Path pod = file("pod.yaml", POD);
        Cli r = Cli.run(dir, "--fix", "--dry-run", pod.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out())
                .startsWith("--- " + pod + "\n+++ " + pod + "\n@@ -4,6 +4,14 @@\n metadata:\n")
                .contains("+  securityContext:\n+    runAsNonRoot: true\n");
        assertThat(Files.readString(pod)).isEqualTo(POD);
        assertThat(Cli.run(dir, "--dry-run", pod.toString()).errLines())
                .first()
                .isEqualTo("vigil lint: --dry-run works with --fix only");
    }

    @Test
    void kubeVersionSelectsTheBundledSchemas() throws IOException {
        Path pod = file("pod.yaml", """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: p
                spec:
                  hostnameOverride: p-0
                  containers:
                    - name: app
                      image: registry.example/app:1
                """);
        Cli newest = Cli.run(dir, "--profile", "schema", pod.toString());
        assertThat(newest.exit()).isZero();
        Cli old = Cli.run(dir, "--profile", "schema", "--kube-version", "v1.30", pod.toString());
        assertThat(old.exit()).isEqualTo(1);
        assertThat(old.out()).contains(pod + ":6:3", "schema-unknown-field", "unknown field \"spec.hostnameOverride\"");
        Cli bad = Cli.run(dir, "--kube-version", "2.0", pod.toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.errLines())
                .first()
                .isEqualTo("vigil lint: --kube-version: Kubernetes version '2.0' is not valid; expected v1.MINOR"
                        + " (bundled: v1.37, v1.33, v1.30)");
    }

    @Test
    void customCelRulesFromTheConfigFileAndAdmissionPoliciesInTheInputRun() throws IOException {
        file(".vigil.yaml", """
                profiles: [best-practices]
                customRules:
                  - id: team-label-required
                    severity: error
                    title: Workloads carry a team label
                    kinds: [Deployment]
                    cel: "has(object.metadata.labels) && 'team' in object.metadata.labels"
                    message: "Deployment needs a 'team' label"
                """);
        Path input = file("app.yaml", """
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingAdmissionPolicy
                metadata: {name: max-replicas}
                spec:
                  matchConstraints:
                    resourceRules:
                      - {apiGroups: [apps], apiVersions: [v1], operations: [CREATE], resources: [deployments]}
                  validations:
                    - expression: "object.spec.replicas <= 5"
                      message: at most 5 replicas
                      fieldPath: spec.replicas
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  replicas: 9
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers: [{name: app, image: registry.example/web:1}]
                """);
        Cli r = Cli.run(dir, "--format", "json", input.toString());
        assertThat(r.exit()).isEqualTo(1);
        List<String> findings = new ArrayList<>();
        new ObjectMapper()
                .readTree(r.out())
                .get("findings")
                .forEach(f -> findings.add(f.get("line").asInt() + " "
                        + f.get("ruleId").asText() + " " + f.get("message").asText()));
        assertThat(findings)
                .contains(
                        "13 team-label-required Deployment needs a 'team' label",
                        "17 validating-admission-policy ValidatingAdmissionPolicy max-replicas: at most 5 replicas");
        file(".vigil.yaml", "customRules:\n  - id: x\n    title: X\n    cel: \"object.\"\n");
        Cli bad = Cli.run(dir, input.toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.errLines())
                .first()
                .asString()
                .startsWith(".vigil.yaml:4: customRules[0].cel: does not compile: ");
    }

    @Test
    void crdDirectoriesValidateCustomResources() throws IOException {
        file("crds/widget.yaml", """
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
                                size: {type: integer}
                """);
        Path widget = file("widget.yaml", """
                apiVersion: example.com/v1
                kind: Widget
                metadata: {name: w}
                spec:
                  sise: 3
                """);
        Cli skipped = Cli.run(dir, "--profile", "schema", widget.toString());
        assertThat(skipped.exit()).isZero();
        assertThat(skipped.out()).contains("schema-skipped");
        Cli checked =
                Cli.run(dir, "--profile", "schema", "--crd", dir.resolve("crds").toString(), widget.toString());
        assertThat(checked.exit()).isEqualTo(1);
        assertThat(checked.out()).contains(widget + ":5:3", "unknown field \"spec.sise\"; did you mean \"size\"?");
        assertThat(Cli.run(dir, "--crd", dir.resolve("nope").toString(), widget.toString())
                        .errLines())
                .first()
                .isEqualTo("vigil lint: --crd: no such file or directory: " + dir.resolve("nope"));
    }
}
