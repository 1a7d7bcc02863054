package dev.vigil.policy.rules.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.policy.Fields;
import dev.vigil.policy.PodSpec;
import dev.vigil.policy.Resource;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;

/**
 * Shared logic of the four CPU/memory request/limit rules. A value counts when it is a non-zero quantity on the
 * container; a request also counts when a limit is set (Kubernetes defaults the request to the limit), when the pod
 * sets pod-level {@code resources}, or when a {@code LimitRange} of the input in the same namespace gives a
 * container default. Ephemeral containers cannot have resources and are skipped.
 */
abstract class ResourceRule extends BuiltInRule {
    private final String kind;
    private final String resource;

    /**
     * @param kind {@code requests} or {@code limits}
     * @param resource {@code cpu} or {@code memory}
     */
    ResourceRule(String id, String kind, String resource) {
        super(id);
        this.kind = kind;
        this.resource = resource;
    }

    @Override
    public void checkPod(PodSpec pod, RuleContext ctx) {
        if (positive(pod.spec().path("resources").path(kind).path(resource))) {
            return;
        }
        if (limitRangeDefault(pod.owner(), ctx)) {
            return;
        }
        for (PodSpec.Container c : pod.allContainers()) {
            if (c.type() == PodSpec.Container.Type.EPHEMERAL) {
                continue;
            }
            JsonNode res = c.json().path("resources");
            JsonNode value = res.path(kind).path(resource);
            boolean ok = positive(value)
                    || (kind.equals("requests")
                            && value.isMissingNode()
                            && positive(res.path("limits").path(resource)));
            if (!ok) {
                String what = value.isMissingNode() || value.isNull() ? "no " : "a zero ";
                ctx.report(
                        c,
                        "resources." + kind + "." + resource,
                        "container \"" + c.name() + "\" has " + what + resource + " " + singular() + " set");
            }
        }
    }

    private String singular() {
        return kind.equals("requests") ? "request" : "limit";
    }

    private boolean limitRangeDefault(Resource owner, RuleContext ctx) {
        String field = kind.equals("requests") ? "defaultRequest" : "default";
        for (Resource lr : ctx.resources().ofKind("LimitRange")) {
            if (!lr.namespace().equals(owner.namespace())) {
                continue;
            }
            for (Fields.Item item : Fields.objects(lr, "spec.limits")) {
                JsonNode limit = item.node();
                if (!limit.path("type").asText("Container").equals("Container")) {
                    continue;
                }
                if (positive(limit.path(field).path(resource))
                        || (kind.equals("requests")
                                && positive(limit.path("default").path(resource)))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** True for a quantity (number or string) whose numeric part is not zero. */
    static boolean positive(JsonNode q) {
        if (q.isNumber()) {
            return q.doubleValue() > 0;
        }
        if (!q.isTextual()) {
            return false;
        }
        String s = q.asText().strip();
        int end = 0;
        while (end < s.length() && (Character.isDigit(s.charAt(end)) || s.charAt(end) == '.' || s.charAt(end) == '+')) {
            end++;
        }
        if (end == 0) {
            return false;
        }
        try {
            return Double.parseDouble(s.substring(0, end)) > 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
