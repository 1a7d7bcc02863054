package dev.vigil.policy.rules.pss;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.policy.PodSpec;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;
import java.util.Map;
import java.util.Set;

/**
 * PSS baseline "AppArmor" (PSA check {@code appArmorProfile}, all versions): the {@code appArmorProfile.type} fields
 * of the pod and its containers may only be {@code RuntimeDefault} or {@code Localhost}, and the beta annotations
 * {@code container.apparmor.security.beta.kubernetes.io/*} only empty, {@code runtime/default} or
 * {@code localhost/*}. Upstream amended its only (v1.0) revision with the field check, so both apply at every
 * version.
 */
final class AppArmor extends BuiltInRule {
    static final String ID = "pss-apparmor";
    static final String ANNOTATION_PREFIX = "container.apparmor.security.beta.kubernetes.io/";
    private static final Set<String> ALLOWED_TYPES = Set.of("RuntimeDefault", "Localhost");

    AppArmor() {
        super(ID);
    }

    @Override
    public void checkPod(PodSpec pod, RuleContext ctx) {
        JsonNode podProfile = pod.spec().path("securityContext").path("appArmorProfile");
        if (Pss.isSet(podProfile) && !ALLOWED_TYPES.contains(Pss.text(podProfile.path("type")))) {
            ctx.report(
                    pod.owner(),
                    pod.path("securityContext.appArmorProfile.type"),
                    "pod must not set AppArmor profile type to " + Pss.quote(Pss.text(podProfile.path("type"))));
        }
        for (PodSpec.Container c : pod.allContainers()) {
            JsonNode profile = c.json().path("securityContext").path("appArmorProfile");
            if (Pss.isSet(profile) && !ALLOWED_TYPES.contains(Pss.text(profile.path("type")))) {
                ctx.report(
                        c,
                        "securityContext.appArmorProfile.type",
                        Pss.container(c) + " must not set AppArmor profile type to "
                                + Pss.quote(Pss.text(profile.path("type"))));
            }
        }
        for (Map.Entry<String, String> a : pod.annotations().entrySet()) {
            if (a.getKey().startsWith(ANNOTATION_PREFIX) && !allowedAnnotationValue(a.getValue())) {
                ctx.report(
                        pod.owner(),
                        Pss.annotationPath(pod, a.getKey()),
                        "pod must not set AppArmor annotation " + a.getKey() + "=" + Pss.quote(a.getValue()));
            }
        }
    }

    private static boolean allowedAnnotationValue(String profile) {
        return profile.isEmpty() || profile.equals("runtime/default") || profile.startsWith("localhost/");
    }
}
