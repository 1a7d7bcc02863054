package dev.vigil.policy.rules.container;

import dev.vigil.policy.EffectiveSecurityContext;
import dev.vigil.policy.PodSpec;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/** The container's effective {@code runAsGroup}, the pod's {@code fsGroup} or a supplemental group is GID 0. */
final class RunAsRootGroup extends BuiltInRule {
    RunAsRootGroup() {
        super("run-as-root-group");
    }

    @Override
    public void checkPod(PodSpec pod, RuleContext ctx) {
        Set<String> reported = new HashSet<>();
        List<PodSpec.Container> containers = pod.allContainers();
        for (PodSpec.Container c : containers) {
            EffectiveSecurityContext sc = c.effectiveSecurityContext();
            OptionalLong gid = sc.runAsGroup();
            if (!sc.windows() && gid.isPresent() && gid.getAsLong() == 0) {
                String path = sc.get("runAsGroup").path();
                if (reported.add(path)) {
                    ctx.report(c.pod().owner(), path, "container \"" + c.name() + "\" is set to runAsGroup 0");
                }
            }
        }
        if (containers.isEmpty() || containers.get(0).effectiveSecurityContext().windows()) {
            return;
        }
        EffectiveSecurityContext first = containers.get(0).effectiveSecurityContext();
        if (first.fsGroup().isPresent() && first.fsGroup().getAsLong() == 0) {
            ctx.report(pod.owner(), pod.path("securityContext.fsGroup"), "pod sets fsGroup 0 (root group)");
        }
        List<Long> groups = first.supplementalGroups();
        for (int i = 0; i < groups.size(); i++) {
            if (groups.get(i) == 0) {
                ctx.report(
                        pod.owner(),
                        pod.path("securityContext.supplementalGroups[" + i + "]"),
                        "pod adds supplemental group 0 (root group)");
            }
        }
    }
}
