package dev.vigil.policy.rules.admission;

import dev.vigil.policy.ResourceSet;
import dev.vigil.policy.Rule;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.custom.AdmissionPolicies;
import dev.vigil.policy.rules.BuiltInRule;
import java.util.List;

/** Rules that evaluate policies found in the input itself. */
public final class AdmissionPolicyRules {
    private AdmissionPolicyRules() {}

    public static List<Rule> all() {
        return List.of(new ValidatingAdmissionPolicyRule());
    }

    /** The validations of the input's ValidatingAdmissionPolicy manifests, evaluated offline. */
    static final class ValidatingAdmissionPolicyRule extends BuiltInRule {
        ValidatingAdmissionPolicyRule() {
            super("validating-admission-policy");
        }

        @Override
        public void checkAll(ResourceSet set, RuleContext ctx) {
            AdmissionPolicies.evaluate(set, ctx::report);
        }
    }
}
