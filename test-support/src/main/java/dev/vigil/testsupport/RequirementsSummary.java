package dev.vigil.testsupport;

import java.util.List;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints, at the end of each test JVM's run, every requirement the tests checked and whether it was found: the
 * "what ran where" summary. Registered through {@code META-INF/services}.
 */
public final class RequirementsSummary implements TestExecutionListener {
    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        List<String> lines = Requirements.recorded();
        if (lines.isEmpty()) {
            return;
        }
        System.out.println("vigil requirements summary (strict=" + Requirements.strict() + "):");
        lines.forEach(l -> System.out.println("  " + l));
    }
}
