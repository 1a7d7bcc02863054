package dev.vigil.policy.custom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.policy.Finding;
import dev.vigil.policy.PolicyConfig;
import dev.vigil.policy.PolicyEngine;
import dev.vigil.policy.Severity;
import dev.vigil.policy.load.ManifestLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A ValidatingAdmissionPolicyBinding's validationActions decide how severe the policy's violations are. */
class AdmissionPolicyBindingTest {
    private static final String POLICY = """
            apiVersion: admissionregistration.k8s.io/v1
            kind: ValidatingAdmissionPolicy
            metadata:
              name: replicas-limit
            spec:
              matchConstraints:
                resourceRules:
                  - apiGroups: ["apps"]
                    apiVersions: ["v1"]
                    operations: ["CREATE"]
                    resources: ["deployments"]
              validations:
                - expression: "object.spec.replicas <= 5"
                  message: "at most 5 replicas"
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: big
            spec:
              replicas: 50
            """;

    private static String binding(String name, String actions) {
        return """
                ---
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingAdmissionPolicyBinding
                metadata:
                  name: %s
                spec:
                  policyName: replicas-limit
                  validationActions: %s
                """.formatted(name, actions);
    }

    private static List<Severity> severities(String yaml, PolicyConfig config) {
        var loaded = new ManifestLoader().loadText(yaml, "in.yaml");
        return PolicyEngine.create(config).evaluate(loaded.resources()).findings().stream()
                .filter(f -> f.ruleId().equals("validating-admission-policy"))
                .map(Finding::severity)
                .toList();
    }

    private static List<Severity> severities(String yaml) {
        return severities(
                yaml, PolicyConfig.builder().profiles(List.of("schema")).build());
    }

    @Test
    void actionsDecideTheSeverityTheStrongestWins() {
        assertThat(severities(POLICY)).containsExactly(Severity.ERROR); // unbound: the rule's severity
        assertThat(severities(POLICY + binding("warn", "[Warn]"))).containsExactly(Severity.WARNING);
        assertThat(severities(POLICY + binding("audit", "[Audit]"))).containsExactly(Severity.INFO);
        assertThat(severities(POLICY + binding("both", "[Warn, Audit]"))).containsExactly(Severity.WARNING);
        assertThat(severities(POLICY + binding("audit", "[Audit]") + binding("deny", "[Deny]")))
                .containsExactly(Severity.ERROR);
    }

    @Test
    void aSeverityInTheConfigurationStillWins() {
        PolicyConfig config = PolicyConfig.builder()
                .profiles(List.of("schema"))
                .severity("validating-admission-policy", Severity.INFO)
                .build();
        assertThat(severities(POLICY + binding("deny", "[Deny]"), config)).containsExactly(Severity.INFO);
    }
}
