package dev.vigil.policy.rules.workload;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.policy.Fields;
import dev.vigil.policy.PodSpec;
import dev.vigil.policy.Resource;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;
import dev.vigil.policy.rules.support.LabelSelectors;
import dev.vigil.policy.rules.support.Workloads;
import java.util.Map;

/**
 * A Deployment or StatefulSet with two or more replicas (or an autoscaler that allows two) neither spreads its pods
 * with {@code topologySpreadConstraints} nor repels them with {@code podAntiAffinity}; all replicas may land on one
 * node. Only terms whose label selector selects the workload's own pods count (a term selecting other pods does not
 * spread these ones); a spread constraint with {@code matchLabelKeys} counts too.
 */
final class PodAntiAffinity extends BuiltInRule {
    PodAntiAffinity() {
        super("pod-anti-affinity");
    }

    @Override
    public void checkPod(PodSpec pod, RuleContext ctx) {
        Resource r = pod.owner();
        if (!(r.kind().equals("Deployment") || r.kind().equals("StatefulSet"))
                || !r.group().equals("apps")) {
            return;
        }
        if (Workloads.maxReplicas(ctx.resources(), r) < 2) {
            return;
        }
        Map<String, String> labels = pod.labels();
        for (Fields.Item item : pod.objects("topologySpreadConstraints")) {
            JsonNode c = item.node();
            if (!c.path("matchLabelKeys").isEmpty() || LabelSelectors.matches(c.path("labelSelector"), labels)) {
                return;
            }
        }
        JsonNode anti = pod.spec().path("affinity").path("podAntiAffinity");
        for (Fields.Item term :
                pod.objects("affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution")) {
            if (LabelSelectors.matches(term.node().path("labelSelector"), labels)) {
                return;
            }
        }
        for (Fields.Item weighted :
                pod.objects("affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution")) {
            if (LabelSelectors.matches(weighted.node().path("podAffinityTerm").path("labelSelector"), labels)) {
                return;
            }
        }
        ctx.report(
                r,
                pod.path("affinity.podAntiAffinity"),
                r.kind() + " " + Workloads.q(r.name())
                        + " runs several replicas without pod anti-affinity or topology spread over its own pods");
    }
}
