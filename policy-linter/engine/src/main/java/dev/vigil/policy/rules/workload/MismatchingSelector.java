package dev.vigil.policy.rules.workload;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.policy.PodSpec;
import dev.vigil.policy.Resource;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;
import dev.vigil.policy.rules.support.LabelSelectors;
import java.util.Set;

/**
 * A controller's {@code spec.selector} does not select the labels of its own pod template. OpenShift
 * DeploymentConfigs have a plain label map as selector.
 */
final class MismatchingSelector extends BuiltInRule {
    private static final Set<String> KINDS =
            Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "DeploymentConfig");

    MismatchingSelector() {
        super("mismatching-selector");
    }

    @Override
    public void checkPod(PodSpec pod, RuleContext ctx) {
        Resource r = pod.owner();
        if (!KINDS.contains(r.kind()) || !pod.specPath().equals("spec.template.spec")) {
            return;
        }
        JsonNode selector = r.json().path("spec").path("selector");
        boolean matches = r.kind().equals("DeploymentConfig")
                ? LabelSelectors.mapMatches(selector, pod.labels())
                : LabelSelectors.matches(selector, pod.labels());
        if (selector.isObject() && !selector.isEmpty() && !matches) {
            ctx.report(
                    r,
                    "spec.selector",
                    "selector " + selector + " does not match the pod template labels " + pod.labels());
        }
    }
}
