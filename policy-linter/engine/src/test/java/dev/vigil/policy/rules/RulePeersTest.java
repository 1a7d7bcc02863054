package dev.vigil.policy.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.policy.Rule;
import dev.vigil.policy.RuleMetadata;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps the {@code peers:} blocks of the built-in rules in the shape of the peers' own check ids. The ids were checked
 * against the peers' sources (kube-linter {@code pkg/builtinchecks/yamls/*.yaml} {@code name:}, Polaris
 * {@code checks/*.yaml} and docs, kube-score check registrations, Checkov {@code CKV_K8S_*} check classes, Trivy
 * {@code KSV*} rego metadata); a new id must be checked the same way, and must at least look like one of that tool.
 */
class RulePeersTest {
    private static final Map<String, Pattern> ID_SYNTAX = Map.of(
            "kube-linter", Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*"),
            "polaris", Pattern.compile("[a-z][A-Za-z]+"),
            "kube-score", Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*"),
            "checkov", Pattern.compile("CKV_K8S_[0-9]+"),
            "trivy", Pattern.compile("KSV[0-9]{3}"));

    @Test
    void peerIdsNameAKnownToolAndHaveItsIdSyntax() {
        assertThat(ID_SYNTAX.keySet()).containsExactlyInAnyOrderElementsOf(RuleMetadata.PEER_TOOLS);
        for (Rule rule : BuiltInRules.all()) {
            RuleMetadata m = rule.metadata();
            m.peers().forEach((tool, ids) -> {
                assertThat(RuleMetadata.PEER_TOOLS)
                        .as("peer tool of %s", m.id())
                        .contains(tool);
                assertThat(ids).as("%s peers of %s", tool, m.id()).isNotEmpty().doesNotHaveDuplicates();
                assertThat(ids)
                        .as("%s peers of %s", tool, m.id())
                        .allMatch(id -> ID_SYNTAX.get(tool).matcher(id).matches());
            });
        }
    }

    /**
     * Mappings found wrong when the ids were checked against the peers' sources; they must not come back.
     * kube-linter's unset-cpu-requirements checks the cpu request and unset-memory-requirements the memory limit
     * (their parameters and e2e expectations); Checkov CKV_K8S_41 checks the default ServiceAccount object, not pods;
     * kube-score poddisruptionbudget-has-policy checks that a policy is set at all; Trivy KSV023 fires on every
     * hostPath; kube-linter required-label-owner wants an owner label, exposed-services forbids every LoadBalancer,
     * dangling-service checks selectors, not target ports, and drop-net-raw-capability reports containers that add
     * NET_RAW, not those that keep it (kube-linter's e2e fixture: the container without capabilities does not fire).
     */
    @Test
    void mappingsFoundWrongStayRemoved() {
        assertNoPeer("cpu-limits", "kube-linter", "unset-cpu-requirements");
        assertNoPeer("memory-requests", "kube-linter", "unset-memory-requirements");
        assertNoPeer("default-service-account", "checkov", "CKV_K8S_41");
        assertNoPeer("pdb-blocks-eviction", "kube-score", "poddisruptionbudget-has-policy");
        assertNoPeer("sensitive-host-path", "trivy", "KSV023");
        assertNoPeer("recommended-labels", "kube-linter", "required-label-owner");
        assertNoPeer("service-loadbalancer", "kube-linter", "exposed-services");
        assertNoPeer("service-target-port-missing", "kube-linter", "dangling-service");
        assertNoPeer("net-raw-not-dropped", "kube-linter", "drop-net-raw-capability");
    }

    private static void assertNoPeer(String ruleId, String tool, String peerId) {
        RuleMetadata m = BuiltInRules.all().stream()
                .map(Rule::metadata)
                .filter(r -> r.id().equals(ruleId))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no built-in rule " + ruleId));
        assertThat(m.peers().getOrDefault(tool, List.of()))
                .as("%s peers of %s", tool, ruleId)
                .doesNotContain(peerId);
    }
}
