package dev.vigil.policy.rules.pss;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.policy.PodSpec;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;
import java.util.ArrayList;
import java.util.List;

/**
 * PSS restricted "Running as Non-root" (PSA check {@code runAsNonRoot}, all versions): the pod must set
 * {@code securityContext.runAsNonRoot: true}, or every container must; nothing may set it to false. From v1.35 a
 * pod in a user namespace ({@code hostUsers: false}) is exempt. Like upstream, containers that merely lack the field
 * are reported only when nothing sets it to false explicitly.
 */
final class RunAsNonRoot extends BuiltInRule {
    static final String ID = "pss-run-as-non-root";
    private static final String FIELD = "securityContext.runAsNonRoot";

    RunAsNonRoot() {
        super(ID);
    }

    @Override
    public void checkPod(PodSpec pod, RuleContext ctx) {
        if (Pss.version(pod, ctx).atLeast(35) && Pss.inUserNamespace(pod)) {
            return;
        }
        boolean explicitlyBad = false;
        JsonNode podValue = pod.spec().path("securityContext").path("runAsNonRoot");
        if (Pss.isFalse(podValue)) {
            explicitlyBad = true;
            ctx.report(pod.owner(), pod.path(FIELD), "pod must not set " + FIELD + "=false");
        }
        boolean podNonRoot = Pss.isTrue(podValue);
        List<PodSpec.Container> implicitlyBad = new ArrayList<>();
        for (PodSpec.Container c : pod.allContainers()) {
            JsonNode value = c.json().path("securityContext").path("runAsNonRoot");
            if (Pss.isSet(value)) {
                if (!Pss.isTrue(value)) {
                    explicitlyBad = true;
                    ctx.report(c, FIELD, Pss.container(c) + " must not set " + FIELD + "=false");
                }
            } else if (!podNonRoot) {
                implicitlyBad.add(c);
            }
        }
        if (!explicitlyBad) {
            for (PodSpec.Container c : implicitlyBad) {
                ctx.report(c, FIELD, "pod or " + Pss.container(c) + " must set " + FIELD + "=true");
            }
        }
    }
}
