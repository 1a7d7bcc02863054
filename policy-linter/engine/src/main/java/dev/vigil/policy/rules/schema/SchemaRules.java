package dev.vigil.policy.rules.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.policy.Resource;
import dev.vigil.policy.Rule;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.custom.CrdValidationRules;
import dev.vigil.policy.rules.BuiltInRule;
import dev.vigil.policy.schema.SchemaValidation;
import dev.vigil.policy.schema.SchemaViolation;
import java.util.List;

/**
 * The {@code schema} profile: objects checked against bundled Kubernetes schemas (per {@code --kube-version}) and
 * custom resources against their CustomResourceDefinitions. One rule per kind of violation, so each can be turned
 * off, re-rated or suppressed on its own; the validation itself runs once per object.
 */
public final class SchemaRules {
    private SchemaRules() {}

    public static List<Rule> all() {
        return List.of(
                new ViolationRule("schema-unknown-field", SchemaViolation.Type.UNKNOWN_FIELD),
                new ViolationRule("schema-wrong-type", SchemaViolation.Type.WRONG_TYPE),
                new ViolationRule("schema-missing-required", SchemaViolation.Type.MISSING_REQUIRED),
                new ViolationRule("schema-invalid-value", SchemaViolation.Type.INVALID_VALUE),
                new CrdRules(),
                new Skipped());
    }

    private static SchemaValidation validation(RuleContext ctx) {
        return SchemaValidation.of(ctx.resources(), ctx.config());
    }

    /** Reports the violations of one type. */
    static final class ViolationRule extends BuiltInRule {
        private final SchemaViolation.Type type;

        ViolationRule(String id, SchemaViolation.Type type) {
            super(id);
            this.type = type;
        }

        @Override
        public void checkResource(Resource resource, RuleContext ctx) {
            for (SchemaViolation v : validation(ctx).outcome(resource).violations()) {
                if (v.type() == type) {
                    ctx.report(resource, v.path(), v.message());
                }
            }
        }
    }

    /** The CEL rules ({@code x-kubernetes-validations}) of the custom resource's CRD, evaluated offline. */
    static final class CrdRules extends BuiltInRule {
        CrdRules() {
            super("schema-crd-rule");
        }

        @Override
        public void checkResource(Resource resource, RuleContext ctx) {
            JsonNode schema = validation(ctx).crdSchema(resource);
            if (schema != null) {
                CrdValidationRules.check(resource, schema, ctx::report);
            }
        }
    }

    /** Reports custom resources that could not be validated, so they are counted rather than silently passed. */
    static final class Skipped extends BuiltInRule {
        Skipped() {
            super("schema-skipped");
        }

        @Override
        public void checkResource(Resource resource, RuleContext ctx) {
            String reason = validation(ctx).outcome(resource).skipped();
            if (reason != null) {
                ctx.report(resource, "apiVersion", reason);
            }
        }
    }
}
