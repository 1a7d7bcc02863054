package dev.vigil.policy.rules.workload;

import dev.vigil.policy.Resource;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;

/** A standalone Job sets no {@code ttlSecondsAfterFinished}: finished Jobs and their pods pile up. */
final class JobTtlSecondsAfterFinished extends BuiltInRule {
    JobTtlSecondsAfterFinished() {
        super("job-ttl-seconds-after-finished");
    }

    @Override
    public void checkResource(Resource r, RuleContext ctx) {
        if (r.kind().equals("Job")
                && r.group().equals("batch")
                && r.json().path("metadata").path("ownerReferences").isEmpty()
                && !r.json().path("spec").path("ttlSecondsAfterFinished").isIntegralNumber()) {
            ctx.report(r, "spec.ttlSecondsAfterFinished", "Job \"" + r.name() + "\" sets no ttlSecondsAfterFinished");
        }
    }
}
