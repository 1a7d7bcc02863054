package dev.vigil.policy.rules.workload;

import dev.vigil.policy.Resource;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.Severity;
import dev.vigil.policy.rules.BuiltInRule;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The object uses an API version that Kubernetes deprecated or removed (the upstream deprecation guide), judged for
 * the target Kubernetes version of the configuration ({@code --kube-version v1.MINOR}): versions removed by then are
 * reported as removed (an error: the API server no longer serves them), versions deprecated by then but still served
 * as deprecated (a warning), later deprecations not at all. Without a target
 * (or with one that is not {@code v1.MINOR}) every deprecated or removed version is reported. The message names the
 * releases and the replacement.
 */
final class DeprecatedApiVersion extends BuiltInRule {
    /**
     * One deprecated API.
     *
     * @param apiVersion group/version as written in manifests
     * @param kinds the kinds concerned; {@code *} for every kind of the version
     * @param deprecated the 1.x minor that deprecated it
     * @param removed the 1.x minor that removed it, 0 when still served
     * @param replacement what to use instead
     */
    record Deprecation(String apiVersion, List<String> kinds, int deprecated, int removed, String replacement) {
        boolean covers(Resource r) {
            return apiVersion.equals(r.apiVersion()) && (kinds.contains("*") || kinds.contains(r.kind()));
        }
    }

    static final List<Deprecation> TABLE = List.of(
            new Deprecation("extensions/v1beta1", List.of("Deployment", "DaemonSet", "ReplicaSet"), 9, 16, "apps/v1"),
            new Deprecation("extensions/v1beta1", List.of("NetworkPolicy"), 9, 16, "networking.k8s.io/v1"),
            new Deprecation("extensions/v1beta1", List.of("PodSecurityPolicy"), 10, 16, "Pod Security Admission"),
            new Deprecation("extensions/v1beta1", List.of("Ingress"), 14, 22, "networking.k8s.io/v1"),
            new Deprecation("apps/v1beta1", List.of("*"), 9, 16, "apps/v1"),
            new Deprecation("apps/v1beta2", List.of("*"), 9, 16, "apps/v1"),
            new Deprecation(
                    "networking.k8s.io/v1beta1", List.of("Ingress", "IngressClass"), 19, 22, "networking.k8s.io/v1"),
            new Deprecation("rbac.authorization.k8s.io/v1alpha1", List.of("*"), 17, 22, "rbac.authorization.k8s.io/v1"),
            new Deprecation("rbac.authorization.k8s.io/v1beta1", List.of("*"), 17, 22, "rbac.authorization.k8s.io/v1"),
            new Deprecation(
                    "admissionregistration.k8s.io/v1beta1",
                    List.of("MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"),
                    16,
                    22,
                    "admissionregistration.k8s.io/v1"),
            new Deprecation("apiextensions.k8s.io/v1beta1", List.of("*"), 16, 22, "apiextensions.k8s.io/v1"),
            new Deprecation("apiregistration.k8s.io/v1beta1", List.of("*"), 19, 22, "apiregistration.k8s.io/v1"),
            new Deprecation("authentication.k8s.io/v1beta1", List.of("*"), 19, 22, "authentication.k8s.io/v1"),
            new Deprecation("authorization.k8s.io/v1beta1", List.of("*"), 19, 22, "authorization.k8s.io/v1"),
            new Deprecation("certificates.k8s.io/v1beta1", List.of("*"), 19, 22, "certificates.k8s.io/v1"),
            new Deprecation("coordination.k8s.io/v1beta1", List.of("*"), 19, 22, "coordination.k8s.io/v1"),
            new Deprecation("scheduling.k8s.io/v1alpha1", List.of("*"), 14, 22, "scheduling.k8s.io/v1"),
            new Deprecation("scheduling.k8s.io/v1beta1", List.of("*"), 14, 22, "scheduling.k8s.io/v1"),
            new Deprecation(
                    "storage.k8s.io/v1beta1",
                    List.of("CSIDriver", "CSINode", "StorageClass", "VolumeAttachment"),
                    19,
                    22,
                    "storage.k8s.io/v1"),
            new Deprecation("storage.k8s.io/v1beta1", List.of("CSIStorageCapacity"), 24, 27, "storage.k8s.io/v1"),
            new Deprecation("batch/v1beta1", List.of("CronJob"), 21, 25, "batch/v1"),
            new Deprecation("batch/v2alpha1", List.of("CronJob"), 21, 25, "batch/v1"),
            new Deprecation("discovery.k8s.io/v1beta1", List.of("EndpointSlice"), 21, 25, "discovery.k8s.io/v1"),
            new Deprecation("events.k8s.io/v1beta1", List.of("Event"), 19, 25, "events.k8s.io/v1"),
            new Deprecation("autoscaling/v2beta1", List.of("HorizontalPodAutoscaler"), 22, 25, "autoscaling/v2"),
            new Deprecation("autoscaling/v2beta2", List.of("HorizontalPodAutoscaler"), 23, 26, "autoscaling/v2"),
            new Deprecation("policy/v1beta1", List.of("PodDisruptionBudget"), 21, 25, "policy/v1"),
            new Deprecation("policy/v1beta1", List.of("PodSecurityPolicy"), 21, 25, "Pod Security Admission"),
            new Deprecation("node.k8s.io/v1beta1", List.of("RuntimeClass"), 20, 25, "node.k8s.io/v1"),
            new Deprecation("node.k8s.io/v1alpha1", List.of("RuntimeClass"), 20, 25, "node.k8s.io/v1"),
            new Deprecation(
                    "flowcontrol.apiserver.k8s.io/v1beta1", List.of("*"), 23, 26, "flowcontrol.apiserver.k8s.io/v1"),
            new Deprecation(
                    "flowcontrol.apiserver.k8s.io/v1beta2", List.of("*"), 26, 29, "flowcontrol.apiserver.k8s.io/v1"),
            new Deprecation(
                    "flowcontrol.apiserver.k8s.io/v1beta3", List.of("*"), 29, 32, "flowcontrol.apiserver.k8s.io/v1"),
            new Deprecation("v1", List.of("ComponentStatus"), 19, 0, "the /livez and /readyz endpoints"),
            new Deprecation("v1", List.of("Endpoints"), 33, 0, "discovery.k8s.io/v1 EndpointSlice"));

    DeprecatedApiVersion() {
        super("deprecated-api-version");
    }

    private static final Pattern VERSION = Pattern.compile("v?1\\.(\\d{1,3})(\\.\\d+)?");

    @Override
    public void checkResource(Resource r, RuleContext ctx) {
        int target = targetMinor(ctx.config().kubeVersion());
        for (Deprecation d : TABLE) {
            if (d.covers(r)) {
                if (target < d.deprecated()) {
                    return;
                }
                String state;
                boolean removed = d.removed() > 0 && target >= d.removed();
                if (removed) {
                    state = "was removed in Kubernetes 1." + d.removed() + " (deprecated since 1." + d.deprecated()
                            + ")";
                } else if (d.removed() > 0) {
                    state = "is deprecated since Kubernetes 1." + d.deprecated() + " and removed in 1." + d.removed();
                } else {
                    state = "is deprecated since Kubernetes 1." + d.deprecated();
                }
                // removed: the API server rejects the object (the rule's severity, error); deprecated but still
                // served: it applies today and breaks on a later upgrade (a warning)
                ctx.report(
                        r,
                        "apiVersion",
                        r.apiVersion() + " " + r.kind() + " " + state + "; use " + d.replacement(),
                        removed ? null : Severity.WARNING);
                return;
            }
        }
    }

    /** The minor version of {@code v1.MINOR}; {@link Integer#MAX_VALUE} (newest) when unset or not of that form. */
    static int targetMinor(String kubeVersion) {
        if (kubeVersion == null) {
            return Integer.MAX_VALUE;
        }
        Matcher m = VERSION.matcher(kubeVersion.strip());
        return m.matches() ? Integer.parseInt(m.group(1)) : Integer.MAX_VALUE;
    }
}
