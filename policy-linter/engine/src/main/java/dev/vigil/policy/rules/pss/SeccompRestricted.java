package dev.vigil.policy.rules.pss;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.policy.PodSpec;
import dev.vigil.policy.PssVersion;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;
import java.util.ArrayList;
import java.util.List;

/**
 * PSS restricted "Seccomp" (PSA check {@code seccompProfile_restricted}, from v1.19): the pod must set
 * {@code securityContext.seccompProfile.type} to {@code RuntimeDefault} or {@code Localhost}, or every container
 * must; nothing may set another type. From v1.25 Windows pods are exempt. Replaces {@link SeccompBaseline} at
 * restricted. Like upstream, containers that merely lack the field are reported only when nothing sets a bad type.
 */
final class SeccompRestricted extends BuiltInRule {
    static final String ID = "pss-seccomp-restricted";
    static final int SINCE = 19;
    private static final String FIELD = "securityContext.seccompProfile.type";

    SeccompRestricted() {
        super(ID);
    }

    @Override
    public void checkPod(PodSpec pod, RuleContext ctx) {
        PssVersion version = Pss.version(pod, ctx);
        if (!version.atLeast(SINCE) || (version.atLeast(25) && Pss.isWindows(pod))) {
            return;
        }
        boolean explicitlyBad = false;
        boolean podSet = false;
        JsonNode podProfile = pod.spec().path("securityContext").path("seccompProfile");
        if (Pss.isSet(podProfile)) {
            if (SeccompBaseline.VALID_TYPES.contains(Pss.text(podProfile.path("type")))) {
                podSet = true;
            } else {
                explicitlyBad = true;
                ctx.report(pod.owner(), pod.path(FIELD), SeccompBaseline.badType("pod", podProfile));
            }
        }
        List<PodSpec.Container> implicitlyBad = new ArrayList<>();
        for (PodSpec.Container c : pod.allContainers()) {
            JsonNode profile = c.json().path("securityContext").path("seccompProfile");
            if (Pss.isSet(profile)) {
                if (!SeccompBaseline.VALID_TYPES.contains(Pss.text(profile.path("type")))) {
                    explicitlyBad = true;
                    ctx.report(c, FIELD, SeccompBaseline.badType(Pss.container(c), profile));
                }
            } else if (!podSet) {
                implicitlyBad.add(c);
            }
        }
        if (!explicitlyBad) {
            for (PodSpec.Container c : implicitlyBad) {
                ctx.report(
                        c,
                        FIELD,
                        "pod or " + Pss.container(c) + " must set " + FIELD
                                + " to \"RuntimeDefault\" or \"Localhost\"");
            }
        }
    }
}
