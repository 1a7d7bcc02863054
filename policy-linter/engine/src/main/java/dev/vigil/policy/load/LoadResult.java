package dev.vigil.policy.load;

import dev.vigil.policy.Resource;
import java.util.List;

/**
 * What a loader read.
 *
 * @param resources every Kubernetes object found, in input order ({@code kind: List} expanded)
 * @param files how many files (or streams) were read
 * @param skipped documents that were empty or not Kubernetes objects (no {@code apiVersion}/{@code kind})
 * @param problems inputs that could not be read or parsed; the other inputs are still loaded
 * @param notReferenced manifest files in kustomize directories that no kustomization references (not linted)
 */
public record LoadResult(
        List<Resource> resources, int files, int skipped, List<LoadProblem> problems, int notReferenced) {
    public LoadResult {
        resources = List.copyOf(resources);
        problems = List.copyOf(problems);
    }

    /** A result without kustomize directories. */
    public LoadResult(List<Resource> resources, int files, int skipped, List<LoadProblem> problems) {
        this(resources, files, skipped, problems, 0);
    }
}
