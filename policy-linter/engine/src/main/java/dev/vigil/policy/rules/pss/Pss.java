package dev.vigil.policy.rules.pss;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.policy.PodSpec;
import dev.vigil.policy.PssVersion;
import dev.vigil.policy.RuleContext;

/**
 * What the Pod Security Standards checks share, mirroring Pod Security Admission's helpers: the policy version of a
 * pod, the pod OS and user-namespace relaxations, and the restricted checks that override baseline ones.
 */
final class Pss {
    private Pss() {}

    /** The policy version the pod is evaluated at. */
    static PssVersion version(PodSpec pod, RuleContext ctx) {
        return ctx.pssVersion(pod.owner());
    }

    /** {@code spec.os.name: windows} (PSA relaxes some restricted checks for it from v1.25). */
    static boolean isWindows(PodSpec pod) {
        return "windows".equals(pod.spec().path("os").path("name").asText(null));
    }

    /** {@code spec.hostUsers: false}, a pod in a user namespace (PSA relaxes some checks for it from v1.35). */
    static boolean inUserNamespace(PodSpec pod) {
        JsonNode hostUsers = pod.spec().path("hostUsers");
        return hostUsers.isBoolean() && !hostUsers.booleanValue();
    }

    /**
     * True when a restricted rule that replaces a baseline one runs in this evaluation at this version: PSA's
     * {@code OverrideCheckIDs}. The baseline rule then stays silent, as upstream does not run it at restricted.
     */
    static boolean overriddenBy(String restrictedRuleId, int sinceMinor, PodSpec pod, RuleContext ctx) {
        return version(pod, ctx).atLeast(sinceMinor) && ctx.isRuleActive(restrictedRuleId);
    }

    /** A field that is set to {@code true}. */
    static boolean isTrue(JsonNode node) {
        return node.isBoolean() ? node.booleanValue() : node.isTextual() && "true".equalsIgnoreCase(node.asText());
    }

    /** A field that is set to {@code false}. */
    static boolean isFalse(JsonNode node) {
        return node.isBoolean() ? !node.booleanValue() : node.isTextual() && "false".equalsIgnoreCase(node.asText());
    }

    /** A field that is present and not null (Go: a non-nil pointer). */
    static boolean isSet(JsonNode node) {
        return !node.isMissingNode() && !node.isNull();
    }

    /** A scalar as text, "" when missing or null (Go's zero value). */
    static String text(JsonNode node) {
        return isSet(node) && node.isValueNode() ? node.asText() : isSet(node) ? node.toString() : "";
    }

    /** {@code "value"}, as upstream quotes values in its reasons. */
    static String quote(String value) {
        StringBuilder b = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.append('"').toString();
    }

    /** {@code container "name"} for messages. */
    static String container(PodSpec.Container c) {
        return "container " + quote(c.name());
    }

    /** Path of an annotation of the pod metadata, e.g. {@code metadata.annotations["seccomp…/pod"]}. */
    static String annotationPath(PodSpec pod, String key) {
        return pod.metadataPath() + ".annotations[\"" + key + "\"]";
    }
}
