package dev.vigil.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.policy.RuleMetadata;
import dev.vigil.policy.rules.BuiltInRules;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleMetadataPeersTest {
    @Test
    void peersAreReadFromRuleYamlAsListsPerTool() {
        RuleMetadata m = RuleMetadataLoader.load("dangerous-capabilities");
        assertThat(m.peers())
                .containsEntry("kube-linter", List.of("drop-net-raw-capability"))
                .containsEntry("checkov", List.of("CKV_K8S_25", "CKV_K8S_39"))
                .containsEntry("trivy", List.of("KSV005", "KSV022"));
    }

    @Test
    void everyBuiltInRuleNamesOnlyKnownToolsInDisplayOrder() {
        for (var rule : BuiltInRules.all()) {
            Map<String, List<String>> peers = rule.metadata().peers();
            assertThat(RuleMetadata.PEER_TOOLS).as(rule.metadata().id()).containsAll(peers.keySet());
            assertThat(peers.values()).allSatisfy(ids -> assertThat(ids).isNotEmpty());
        }
    }

    @Test
    void anUnknownToolFailsAtLoadNamingFileAndTools() {
        assertThatThrownBy(() -> RuleMetadataLoader.load("test-unknown-peer-tool"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("dev/vigil/policy/rules/test-unknown-peer-tool/rule.yaml: peers.kubesec is not a known"
                        + " tool; expected one of kube-linter, polaris, kube-score, checkov, trivy");
    }

    @Test
    void theOriginalConstructorMeansNoPeers() {
        RuleMetadata m = new RuleMetadata(
                "x", "X", dev.vigil.policy.Severity.INFO, "c", java.util.Set.of(), "d", "r.", "", List.of());
        assertThat(m.peers()).isEmpty();
    }
}
