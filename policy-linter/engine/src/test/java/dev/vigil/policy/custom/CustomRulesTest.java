package dev.vigil.policy.custom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.policy.Finding;
import dev.vigil.policy.PolicyConfig;
import dev.vigil.policy.PolicyEngine;
import dev.vigil.policy.config.ConfigException;
import dev.vigil.policy.config.ConfigFile;
import dev.vigil.policy.load.LoadResult;
import dev.vigil.policy.load.ManifestLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Custom rules and ValidatingAdmissionPolicy manifests, run from a test configuration file. */
class CustomRulesTest {
    private static final String CONFIG = """
            profiles: [best-practices]
            customRules:
            - id: team-label-required
              severity: error
              title: Workloads carry a team label
              kinds: [Deployment]
              cel: "has(object.metadata.labels) && 'team' in object.metadata.labels"
              message: "Deployment needs a 'team' label"
              path: metadata.labels
            - id: no-host-network
              severity: error
              title: No host network
              target: podSpec
              jsonSchema: {properties: {hostNetwork: {const: false}}}
              message: "hostNetwork must be false"
            - id: images-from-registry
              severity: warning
              title: Images come from the company registry
              target: container
              cel: "object.image.startsWith(params.registry)"
              messageExpression: "'container ' + object.name + ' pulls ' + object.image"
              params: {registry: registry.example/}
            - id: services-select-pods
              severity: info
              title: Services select a pod template of the input
              kinds: [Service]
              cel: >-
                objects.exists(o, o.kind == 'Deployment' &&
                  object.spec.selector.all(k, k in o.spec.template.metadata.labels &&
                    o.spec.template.metadata.labels[k] == object.spec.selector[k]))
              message: "selects no pod template of the input"
            """;

    private static final String MANIFESTS = """
            apiVersion: admissionregistration.k8s.io/v1
            kind: ValidatingAdmissionPolicy
            metadata:
              name: max-replicas
            spec:
              matchConstraints:
                resourceRules:
                  - apiGroups: ["apps"]
                    apiVersions: ["v1"]
                    operations: ["CREATE"]
                    resources: ["deployments"]
              validations:
                - expression: "object.spec.replicas <= 5"
                  messageExpression: "'replicas is ' + string(object.spec.replicas) + ', at most 5'"
                  fieldPath: spec.replicas
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              labels:
                app: web
            spec:
              replicas: 10
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  hostNetwork: true
                  containers:
                    - name: app
                      image: docker.io/library/nginx:1.27
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: web
            spec:
              selector: {app: web}
              ports: [{port: 80}]
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: orphan
            spec:
              selector: {app: nothing}
              ports: [{port: 80}]
            """;

    @TempDir
    Path dir;

    private List<String> lint(String config, String manifests) throws IOException, ConfigException {
        Path configFile = Files.writeString(dir.resolve(".vigil.yaml"), config);
        Path input = Files.writeString(dir.resolve("app.yaml"), manifests);
        PolicyConfig cfg = ConfigFile.load(configFile).build();
        LoadResult loaded = new ManifestLoader().load(List.of(input.toString()));
        assertThat(loaded.problems()).isEmpty();
        return PolicyEngine.create(cfg).evaluate(loaded.resources()).findings().stream()
                .filter(f -> Set.of(
                                "team-label-required",
                                "no-host-network",
                                "images-from-registry",
                                "services-select-pods",
                                "validating-admission-policy")
                        .contains(f.ruleId()))
                .map(CustomRulesTest::line)
                .toList();
    }

    private static String line(Finding f) {
        return f.position().line() + " " + f.ruleId() + " " + f.severity().id() + " " + f.message();
    }

    @Test
    void celJsonSchemaAndAdmissionPolicyRulesRunFromAConfigFile() throws Exception {
        assertThat(lint(CONFIG, MANIFESTS))
                .containsExactly(
                        "21 team-label-required error Deployment needs a 'team' label",
                        "24 validating-admission-policy error ValidatingAdmissionPolicy max-replicas: replicas is"
                                + " 10, at most 5",
                        "31 no-host-network error hostNetwork must be false (hostNetwork: must be the constant"
                                + " value 'false')",
                        "33 images-from-registry warning container app pulls docker.io/library/nginx:1.27",
                        "44 services-select-pods info selects no pod template of the input");
    }

    @Test
    void compliantObjectsPass() throws Exception {
        String fixed = MANIFESTS
                .replace("replicas: 10", "replicas: 3")
                .replace("app: web\nspec:\n  replicas", "app: web\n    team: payments\nspec:\n  replicas")
                .replace("hostNetwork: true", "hostNetwork: false")
                .replace("docker.io/library/nginx:1.27", "registry.example/nginx:1.27")
                .replace("{app: nothing}", "{app: web}");
        assertThat(lint(CONFIG, fixed)).isEmpty();
    }

    private static final String BUDGET = "%d validating-admission-policy error ValidatingAdmissionPolicy cubic:"
            + " never finishes in time (the expression failed: evaluation error at <input>:11: Iteration budget"
            + " exceeded: 1000000)";

    @Test
    void anExpensiveExpressionInAnInputPolicyIsCutOffNotHung() throws Exception {
        StringBuilder input = new StringBuilder("""
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingAdmissionPolicy
                metadata: {name: cubic}
                spec:
                  matchConstraints:
                    resourceRules:
                      - {apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [namespaces]}
                  validations:
                    - expression: "objects.all(a, objects.all(b, objects.all(c, true)))"
                      message: never finishes in time
                ---
                """);
        for (int i = 0; i < 5; i++) {
            input.append("---\napiVersion: v1\nkind: Namespace\nmetadata: {name: ns")
                    .append(i)
                    .append("}\n");
        }
        for (int i = 0; i < 110; i++) {
            input.append("---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c")
                    .append(i)
                    .append("}\n");
        }
        assertThat(lint("profiles: [best-practices]\n", input.toString()))
                .containsExactly(
                        "8 validating-admission-policy error ValidatingAdmissionPolicy cubic: evaluation stopped"
                                + " after 3 objects exceeded the CEL iteration budget",
                        BUDGET.formatted(13),
                        BUDGET.formatted(17),
                        BUDGET.formatted(21));
    }

    @Test
    void invalidCustomRulesFailAtLoadWithFileLineAndWhatIsWrong() throws IOException {
        Path config = Files.writeString(dir.resolve(".vigil.yaml"), """
                customRules:
                - id: Team_Label
                  title: Bad id
                  cel: "true"
                - id: pss-privileged
                  title: Taken id
                  cel: "true"
                - id: typo
                  title: Typo in CEL
                  cel: "has(objct.metadata)"
                - id: not-bool
                  title: CEL of the wrong type
                  cel: "size(object.metadata.name)"
                - id: both
                  title: Both kinds
                  severity: fatal
                  cel: "true"
                  jsonSchema: {}
                - id: bad-target
                  title: Bad target
                  target: volume
                  jsonSchema: {type: object}
                  colour: red
                - id: remote
                  title: Remote schema
                  jsonSchema: {$ref: "https://example.com/schema.json"}
                """);
        assertThatThrownBy(() -> ConfigFile.load(config))
                .isInstanceOf(ConfigException.class)
                .hasMessage(String.join(
                        "\n",
                        config + ":2: customRules[0].id: is 'Team_Label', expected a kebab-case id such as"
                                + " team-label-required",
                        config + ":5: customRules[1].id: 'pss-privileged' is already the id of another rule,"
                                + " expected a unique id",
                        config + ":10: customRules[2].cel: does not compile: undeclared reference to 'objct'"
                                + " (at 1:5)",
                        config + ":13: customRules[3].cel: does not compile: expected type 'bool' but found"
                                + " 'int' (at 1:5)",
                        config + ":16: customRules[4].severity: is 'fatal', expected error, warning or info",
                        config + ":14: customRules[4]: has both cel and jsonSchema, expected one of them",
                        config + ":23: customRules[5].colour: unknown key, expected one of id, severity, title,"
                                + " description, remediation, category, kinds, target, cel, messageExpression,"
                                + " jsonSchema, message, path, params",
                        config + ":21: customRules[5].target: is 'volume', expected object, podSpec or container",
                        config + ":26: customRules[6].jsonSchema: refers to 'https://example.com/schema.json',"
                                + " expected only local references (#/...): Vigil never fetches schemas"));
    }
}
