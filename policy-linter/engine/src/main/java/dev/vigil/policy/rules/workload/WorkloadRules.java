package dev.vigil.policy.rules.workload;

import dev.vigil.policy.Rule;
import java.util.List;

/** Workload reliability rules: replicas, disruption budgets, spreading, API versions, labels, jobs. */
public final class WorkloadRules {
    private WorkloadRules() {}

    public static List<Rule> all() {
        return List.of(
                new MismatchingSelector(),
                new ReplicasMinimum(),
                new HpaReplicasConflict(),
                new HpaMinReplicas(),
                new PdbMissing(),
                new PdbBlocksEviction(),
                new PdbUnhealthyPodEvictionPolicy(),
                new PodAntiAffinity(),
                new DeprecatedApiVersion(),
                new RecommendedLabels(),
                new CronJobStartingDeadline(),
                new JobTtlSecondsAfterFinished(),
                new DefaultNamespace(),
                new ConfigMapSecretLiteral());
    }
}
