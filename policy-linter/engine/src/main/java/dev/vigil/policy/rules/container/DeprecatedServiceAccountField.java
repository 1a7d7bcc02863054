package dev.vigil.policy.rules.container;

import dev.vigil.policy.PodSpec;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;

/** The pod uses the deprecated {@code serviceAccount} field instead of {@code serviceAccountName}. */
final class DeprecatedServiceAccountField extends BuiltInRule {
    DeprecatedServiceAccountField() {
        super("deprecated-service-account-field");
    }

    @Override
    public void checkPod(PodSpec pod, RuleContext ctx) {
        String value = pod.spec().path("serviceAccount").asText("");
        if (!value.isEmpty()) {
            ctx.report(
                    pod.owner(),
                    pod.path("serviceAccount"),
                    "pod uses the deprecated field serviceAccount (\"" + value + "\")");
        }
    }
}
