package dev.vigil.policy.rules.workload;

import dev.vigil.policy.Resource;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;

/**
 * An object is explicitly placed in the {@code default} namespace, which has no isolation of its own. Objects
 * without {@code metadata.namespace} are not reported: their namespace is chosen at apply time.
 */
final class DefaultNamespace extends BuiltInRule {
    DefaultNamespace() {
        super("default-namespace");
    }

    @Override
    public void checkResource(Resource r, RuleContext ctx) {
        if (r.namespace().equals("default")) {
            ctx.report(r, "metadata.namespace", r.kind() + " \"" + r.name() + "\" is in the default namespace");
        }
    }
}
