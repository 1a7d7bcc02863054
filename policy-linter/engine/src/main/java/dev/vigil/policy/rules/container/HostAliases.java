package dev.vigil.policy.rules.container;

import dev.vigil.policy.PodSpec;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;

/** The pod rewrites {@code /etc/hosts} with {@code hostAliases}, bypassing DNS (and DNS-based policy). */
final class HostAliases extends BuiltInRule {
    HostAliases() {
        super("host-aliases");
    }

    @Override
    public void checkPod(PodSpec pod, RuleContext ctx) {
        if (!pod.spec().path("hostAliases").isEmpty()) {
            ctx.report(pod.owner(), pod.path("hostAliases"), "pod adds entries to /etc/hosts with hostAliases");
        }
    }
}
