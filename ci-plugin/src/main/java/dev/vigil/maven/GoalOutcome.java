package dev.vigil.maven;

import dev.vigil.archrules.report.Baseline;
import dev.vigil.archrules.report.Issue;
import java.util.List;

/**
 * What one goal (lint or arch) found.
 *
 * @param issues every finding, baselined ones suppressed
 * @param stale this goal's baseline entries whose finding is gone
 * @param expired this goal's baseline entries past their expiry date
 * @param failure why the build fails, or null
 */
record GoalOutcome(List<Issue> issues, List<Baseline.Entry> stale, List<Baseline.Entry> expired, String failure) {
    static GoalOutcome nothing() {
        return new GoalOutcome(List.of(), List.of(), List.of(), null);
    }
}
