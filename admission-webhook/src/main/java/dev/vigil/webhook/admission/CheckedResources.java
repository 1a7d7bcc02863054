package dev.vigil.webhook.admission;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The resources the webhook is registered for: Pods (and their {@code ephemeralcontainers} subresource, for
 * {@code kubectl debug}), every built-in controller with a pod template, and PodTemplates. One list, used by
 * {@code install}, the deploy manifests' test and the metrics' kind label.
 */
public final class CheckedResources {
    /**
     * One registered resource.
     *
     * @param group API group, empty for the core group
     * @param resource plural resource name, with {@code /subresource} when a subresource
     * @param kind the object kind
     */
    public record Entry(String group, String resource, String kind) {}

    public static final List<Entry> ALL = List.of(
            new Entry("", "pods", "Pod"),
            new Entry("", "pods/ephemeralcontainers", "Pod"),
            new Entry("", "replicationcontrollers", "ReplicationController"),
            new Entry("", "podtemplates", "PodTemplate"),
            new Entry("apps", "deployments", "Deployment"),
            new Entry("apps", "replicasets", "ReplicaSet"),
            new Entry("apps", "statefulsets", "StatefulSet"),
            new Entry("apps", "daemonsets", "DaemonSet"),
            new Entry("batch", "jobs", "Job"),
            new Entry("batch", "cronjobs", "CronJob"));

    /** The kinds above; other kinds are labelled {@code other} in metrics. */
    public static final Set<String> KINDS = ALL.stream().map(Entry::kind).collect(Collectors.toUnmodifiableSet());

    private CheckedResources() {}

    /** The resources of one API group. */
    public static List<String> resources(String group) {
        return ALL.stream()
                .filter(e -> e.group().equals(group))
                .map(Entry::resource)
                .toList();
    }

    /** The API groups, in a stable order. */
    public static List<String> groups() {
        return ALL.stream().map(Entry::group).distinct().toList();
    }
}
