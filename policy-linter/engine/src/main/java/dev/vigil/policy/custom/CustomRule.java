package dev.vigil.policy.custom;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.runtime.CelEvaluationException;
import dev.vigil.policy.PodSpec;
import dev.vigil.policy.Resource;
import dev.vigil.policy.Rule;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.RuleMetadata;
import dev.vigil.policy.schema.JsonSchemaCheck;
import dev.vigil.policy.schema.SchemaViolation;
import java.util.Map;
import java.util.Set;

/**
 * A rule declared by users in {@code .vigil.yaml} ({@code customRules:}): a CEL expression or a JSON schema,
 * applied to the object, each pod spec or each container of the objects of the listed kinds. It has the same
 * metadata as a built-in rule and is configured, suppressed and reported the same way.
 */
public abstract sealed class CustomRule implements Rule permits CustomRule.Cel, CustomRule.Schema {
    /** What a rule looks at. */
    public enum Target {
        OBJECT,
        POD_SPEC,
        CONTAINER
    }

    private final RuleMetadata metadata;
    private final Set<String> kinds;
    private final Target target;
    private final String path;
    final String message;

    CustomRule(RuleMetadata metadata, Set<String> kinds, Target target, String path, String message) {
        this.metadata = metadata;
        this.kinds = Set.copyOf(kinds);
        this.target = target;
        this.path = path;
        this.message = message;
    }

    @Override
    public final RuleMetadata metadata() {
        return metadata;
    }

    /** The kinds the rule applies to; empty for every kind. */
    public Set<String> kinds() {
        return kinds;
    }

    public Target target() {
        return target;
    }

    private boolean applies(Resource r) {
        return kinds.isEmpty() || kinds.contains(r.kind());
    }

    @Override
    public final void checkResource(Resource resource, RuleContext ctx) {
        if (target == Target.OBJECT && applies(resource)) {
            check(resource, resource.json(), "", ctx);
        }
    }

    @Override
    public final void checkPod(PodSpec pod, RuleContext ctx) {
        Resource owner = pod.owner();
        if (!applies(owner)) {
            return;
        }
        if (target == Target.POD_SPEC) {
            check(owner, pod.spec(), pod.specPath(), ctx);
        } else if (target == Target.CONTAINER) {
            for (PodSpec.Container c : pod.allContainers()) {
                check(owner, c.json(), c.path(), ctx);
            }
        }
    }

    /** Checks {@code node} (at {@code base} in {@code owner}) and reports violations. */
    abstract void check(Resource owner, JsonNode node, String base, RuleContext ctx);

    String reportPath(String base, String relative) {
        String rel = relative == null || relative.isEmpty() ? path : relative;
        if (rel.isEmpty()) {
            return base;
        }
        if (base.isEmpty()) {
            return rel;
        }
        return rel.startsWith("[") ? base + rel : base + "." + rel;
    }

    /** A rule whose CEL expression must be true for compliant objects. */
    public static final class Cel extends CustomRule {
        private final CelExpression expression;
        private final CelExpression messageExpression;
        private final Object params;

        Cel(
                RuleMetadata metadata,
                Set<String> kinds,
                Target target,
                String path,
                String message,
                CelExpression expression,
                CelExpression messageExpression,
                Object params) {
            super(metadata, kinds, target, path, message);
            this.expression = expression;
            this.messageExpression = messageExpression;
            this.params = params;
        }

        @Override
        void check(Resource owner, JsonNode node, String base, RuleContext ctx) {
            Map<String, Object> activation = base.isEmpty()
                    ? CelActivation.of(owner, ctx.resources(), params, Map.of())
                    : CelActivation.ofNode(node, owner, ctx.resources(), params);
            try {
                Object result = expression.eval(activation);
                if (!(result instanceof Boolean)) {
                    ctx.report(
                            owner,
                            reportPath(base, ""),
                            message + " (the expression returned " + result + ", expected true or false)");
                } else if (!((Boolean) result)) {
                    ctx.report(owner, reportPath(base, ""), message(activation));
                }
            } catch (CelEvaluationException e) {
                ctx.report(
                        owner,
                        reportPath(base, ""),
                        message + " (the expression failed: " + CelExpression.firstError(e.getMessage()) + ")");
            }
        }

        private String message(Map<String, Object> activation) {
            if (messageExpression != null) {
                try {
                    Object text = messageExpression.eval(activation);
                    if (text instanceof String s && !s.isBlank()) {
                        return s;
                    }
                } catch (CelEvaluationException e) {
                    // fall back to the static message, as Kubernetes does
                }
            }
            return message;
        }
    }

    /** A rule whose JSON schema compliant objects, pod specs or containers satisfy (Polaris-style). */
    public static final class Schema extends CustomRule {
        private final JsonSchemaCheck schema;

        Schema(
                RuleMetadata metadata,
                Set<String> kinds,
                Target target,
                String path,
                String message,
                JsonSchemaCheck schema) {
            super(metadata, kinds, target, path, message);
            this.schema = schema;
        }

        @Override
        void check(Resource owner, JsonNode node, String base, RuleContext ctx) {
            for (SchemaViolation v : schema.check(node, "")) {
                ctx.report(owner, reportPath(base, v.path()), message + " (" + v.message() + ")");
            }
        }
    }
}
