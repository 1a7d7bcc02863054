package dev.vigil.policy.rules.pss;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.policy.PodSpec;
import dev.vigil.policy.PssVersion;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;

/**
 * PSS restricted "Running as Non-root user" (PSA check {@code runAsUser}, from v1.23):
 * {@code securityContext.runAsUser} of the pod and its containers must not be 0. From v1.35 a pod in a user
 * namespace ({@code hostUsers: false}) is exempt.
 */
final class RunAsUser extends BuiltInRule {
    static final String ID = "pss-run-as-user";
    static final int SINCE = 23;
    private static final String FIELD = "securityContext.runAsUser";

    RunAsUser() {
        super(ID);
    }

    @Override
    public void checkPod(PodSpec pod, RuleContext ctx) {
        PssVersion version = Pss.version(pod, ctx);
        if (!version.atLeast(SINCE) || (version.atLeast(35) && Pss.inUserNamespace(pod))) {
            return;
        }
        if (isRoot(pod.spec().path("securityContext").path("runAsUser"))) {
            ctx.report(pod.owner(), pod.path(FIELD), "pod must not set runAsUser=0");
        }
        for (PodSpec.Container c : pod.allContainers()) {
            if (isRoot(c.json().path("securityContext").path("runAsUser"))) {
                ctx.report(c, FIELD, Pss.container(c) + " must not set runAsUser=0");
            }
        }
    }

    private static boolean isRoot(JsonNode node) {
        return Pss.isSet(node) && "0".equals(Pss.text(node));
    }
}
