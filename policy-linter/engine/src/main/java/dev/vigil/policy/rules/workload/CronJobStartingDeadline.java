package dev.vigil.policy.rules.workload;

import dev.vigil.policy.Resource;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;

/**
 * A CronJob sets no {@code startingDeadlineSeconds}: after a controller outage of more than 100 missed schedules it
 * stops scheduling for good, and short outages start late runs at unexpected times.
 */
final class CronJobStartingDeadline extends BuiltInRule {
    CronJobStartingDeadline() {
        super("cronjob-starting-deadline");
    }

    @Override
    public void checkResource(Resource r, RuleContext ctx) {
        if (r.kind().equals("CronJob")
                && r.group().equals("batch")
                && !r.json().path("spec").path("startingDeadlineSeconds").isIntegralNumber()) {
            ctx.report(
                    r, "spec.startingDeadlineSeconds", "CronJob \"" + r.name() + "\" sets no startingDeadlineSeconds");
        }
    }
}
