package dev.vigil.policy.rules.network;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.policy.Fields;
import dev.vigil.policy.PodSpec;
import dev.vigil.policy.Resource;
import dev.vigil.policy.ResourceSet;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;
import java.util.List;

/**
 * A Service port's named {@code targetPort} is not a port name of any container of the pods it selects: traffic to
 * that port goes nowhere. Numeric target ports are not checked (containers need not declare ports).
 */
final class ServiceTargetPortMissing extends BuiltInRule {
    ServiceTargetPortMissing() {
        super("service-target-port-missing");
    }

    @Override
    public void checkAll(ResourceSet set, RuleContext ctx) {
        for (Resource s : set.ofKind("Service")) {
            if (!Services.isService(s)) {
                continue;
            }
            List<PodSpec> pods = Services.selectedPods(set, s);
            if (pods.isEmpty()) {
                continue;
            }
            for (Fields.Item port : Fields.objects(s, "spec.ports")) {
                JsonNode target = port.node().path("targetPort");
                if (target.isTextual()
                        && !target.asText().chars().allMatch(Character::isDigit)
                        && !defined(pods, target.asText())) {
                    ctx.report(
                            s,
                            port.path("targetPort"),
                            "Service \"" + s.name() + "\" targets port \"" + target.asText()
                                    + "\", which no container of the selected pods defines");
                }
            }
        }
    }

    private static boolean defined(List<PodSpec> pods, String name) {
        for (PodSpec pod : pods) {
            for (PodSpec.Container c : pod.allContainers()) {
                for (Fields.Item p : c.objects("ports")) {
                    if (p.node().path("name").asText("").equals(name)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
