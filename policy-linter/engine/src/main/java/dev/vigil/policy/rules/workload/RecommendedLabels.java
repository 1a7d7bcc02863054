package dev.vigil.policy.rules.workload;

import dev.vigil.policy.Resource;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;
import java.util.Set;

/**
 * A workload or Service lacks the recommended {@code app.kubernetes.io/name} label, which tools (dashboards, cost
 * reports, service meshes, {@code kubectl}) use to group the objects of one application.
 */
final class RecommendedLabels extends BuiltInRule {
    static final String NAME = "app.kubernetes.io/name";
    private static final Set<String> KINDS =
            Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "Pod", "Service");

    RecommendedLabels() {
        super("recommended-labels");
    }

    @Override
    public void checkResource(Resource r, RuleContext ctx) {
        if (KINDS.contains(r.kind()) && !r.labels().containsKey(NAME)) {
            ctx.report(r, "metadata.labels", r.kind() + " \"" + r.name() + "\" has no " + NAME + " label");
        }
    }
}
