package dev.vigil.policy.rules.pss;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.policy.Fields;
import dev.vigil.policy.PodSpec;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;

/**
 * PSS baseline "HostPath Volumes" (PSA check {@code hostPathVolumes}, all versions): no volume may be a
 * {@code hostPath}. At restricted PSA replaces it with {@code restrictedVolumes} ({@link RestrictedVolumes}), which
 * forbids hostPath too, so it stays silent when that rule runs.
 */
final class HostPathVolumes extends BuiltInRule {
    static final String ID = "pss-host-path-volumes";

    HostPathVolumes() {
        super(ID);
    }

    @Override
    public void checkPod(PodSpec pod, RuleContext ctx) {
        if (Pss.overriddenBy(RestrictedVolumes.ID, RestrictedVolumes.SINCE, pod, ctx)) {
            return;
        }
        for (Fields.Item v : pod.objects("volumes")) {
            JsonNode volume = v.node();
            if (Pss.isSet(volume.path("hostPath"))) {
                ctx.report(
                        pod.owner(),
                        v.path("hostPath"),
                        "volume " + Pss.quote(Pss.text(volume.path("name"))) + " must not be a hostPath volume");
            }
        }
    }
}
