package dev.vigil.policy.rules.pss;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.policy.PodSpec;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;
import java.util.Set;

/**
 * PSS baseline "Seccomp" (PSA check {@code seccompProfile_baseline}): a seccomp profile, when set, must not be
 * {@code Unconfined}. Before v1.19 PSA reads the alpha annotations ({@code seccomp.security.alpha.kubernetes.io/pod},
 * {@code container.seccomp.security.alpha.kubernetes.io/<container>}: {@code runtime/default},
 * {@code docker/default} or {@code localhost/*}); from v1.19 the {@code seccompProfile.type} fields
 * ({@code RuntimeDefault} or {@code Localhost}). At restricted from v1.19 PSA replaces it with
 * {@code seccompProfile_restricted} ({@link SeccompRestricted}), so it stays silent when that rule runs.
 */
final class SeccompBaseline extends BuiltInRule {
    static final String ID = "pss-seccomp-baseline";
    static final String POD_ANNOTATION = "seccomp.security.alpha.kubernetes.io/pod";
    static final String CONTAINER_ANNOTATION_PREFIX = "container.seccomp.security.alpha.kubernetes.io/";
    static final Set<String> VALID_TYPES = Set.of("RuntimeDefault", "Localhost");

    SeccompBaseline() {
        super(ID);
    }

    @Override
    public void checkPod(PodSpec pod, RuleContext ctx) {
        if (Pss.overriddenBy(SeccompRestricted.ID, SeccompRestricted.SINCE, pod, ctx)) {
            return;
        }
        if (Pss.version(pod, ctx).atLeast(19)) {
            checkFields(pod, ctx);
        } else {
            checkAnnotations(pod, ctx);
        }
    }

    private static void checkAnnotations(PodSpec pod, RuleContext ctx) {
        var annotations = pod.annotations();
        String podValue = annotations.get(POD_ANNOTATION);
        if (podValue != null && !validAnnotationValue(podValue)) {
            reportAnnotation(pod, ctx, POD_ANNOTATION, podValue);
        }
        for (PodSpec.Container c : pod.allContainers()) {
            String key = CONTAINER_ANNOTATION_PREFIX + c.name();
            String value = annotations.get(key);
            if (value != null && !validAnnotationValue(value)) {
                reportAnnotation(pod, ctx, key, value);
            }
        }
    }

    private static void reportAnnotation(PodSpec pod, RuleContext ctx, String key, String value) {
        ctx.report(
                pod.owner(),
                Pss.annotationPath(pod, key),
                "pod must not set forbidden annotation " + key + "=" + Pss.quote(value));
    }

    private static boolean validAnnotationValue(String v) {
        return v.equals("runtime/default") || v.equals("docker/default") || v.startsWith("localhost/");
    }

    private static void checkFields(PodSpec pod, RuleContext ctx) {
        JsonNode podProfile = pod.spec().path("securityContext").path("seccompProfile");
        if (Pss.isSet(podProfile) && !VALID_TYPES.contains(Pss.text(podProfile.path("type")))) {
            ctx.report(pod.owner(), pod.path("securityContext.seccompProfile.type"), badType("pod", podProfile));
        }
        for (PodSpec.Container c : pod.allContainers()) {
            JsonNode profile = c.json().path("securityContext").path("seccompProfile");
            if (Pss.isSet(profile) && !VALID_TYPES.contains(Pss.text(profile.path("type")))) {
                ctx.report(c, "securityContext.seccompProfile.type", badType(Pss.container(c), profile));
            }
        }
    }

    /** {@code pod must not set securityContext.seccompProfile.type to "Unconfined"}. */
    static String badType(String who, JsonNode profile) {
        return who + " must not set securityContext.seccompProfile.type to "
                + Pss.quote(Pss.text(profile.path("type")));
    }
}
