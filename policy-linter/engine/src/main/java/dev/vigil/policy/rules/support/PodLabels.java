package dev.vigil.policy.rules.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.policy.PodSpec;
import dev.vigil.policy.Resource;
import dev.vigil.policy.ResourceSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The labels the pods of a pod spec carry at run time: the template's labels, plus the ones their controller adds
 * ({@code pod-template-hash} of a Deployment, {@code statefulset.kubernetes.io/pod-name},
 * {@code apps.kubernetes.io/pod-index} and {@code controller-revision-hash} of a StatefulSet, a Job's
 * {@code batch.kubernetes.io/job-name}, …), whose values are known only as a shape. For the cross-object rules that
 * ask whether a selector selects a pod of the input: it does when it <em>could</em> select the pods.
 */
public final class PodLabels {
    private static final Pattern ANY = Pattern.compile(".+");
    private static final Pattern ORDINAL = Pattern.compile("0|[1-9][0-9]{0,8}");

    private final Map<String, String> template;
    /** Label keys the controller adds, with the values they can take. */
    private final Map<String, Pattern> added;

    private PodLabels(Map<String, String> template, Map<String, Pattern> added) {
        this.template = template;
        this.added = added;
    }

    private static final Object CACHE = new Object();

    /** The run-time labels of {@code pod} (computed once per pod spec of {@code set}). */
    public static PodLabels of(ResourceSet set, PodSpec pod) {
        Map<PodSpec, PodLabels> cache = set.derived(CACHE, s -> new ConcurrentHashMap<>());
        return cache.computeIfAbsent(pod, PodLabels::compute);
    }

    /** The label keys that controllers add to the pods of {@code pod}, with the shapes of their values. */
    static PodLabels compute(PodSpec pod) {
        Resource owner = pod.owner();
        Map<String, Pattern> added = new HashMap<>();
        String name = Pattern.quote(owner.name());
        String group = owner.group();
        switch (group.isEmpty() ? owner.kind() : group + "/" + owner.kind()) {
            case "apps/Deployment" -> added.put("pod-template-hash", ANY);
            case "apps/StatefulSet" -> {
                added.put("controller-revision-hash", ANY);
                added.put("statefulset.kubernetes.io/pod-name", Pattern.compile(name + "-(" + ORDINAL + ")"));
                added.put("apps.kubernetes.io/pod-index", ORDINAL);
            }
            case "apps/DaemonSet" -> {
                added.put("controller-revision-hash", ANY);
                added.put("pod-template-generation", ORDINAL);
            }
            case "batch/Job" -> job(added, name, owner.json().path("spec"));
            case "batch/CronJob" ->
                // its Jobs are named <cronjob>-<scheduled time in minutes>
                job(
                        added,
                        name + "-[0-9]+",
                        owner.json().path("spec").path("jobTemplate").path("spec"));
            default -> {
                // Pods, ReplicaSets, ReplicationControllers and pod templates of custom resources: none known
            }
        }
        return new PodLabels(pod.labels(), added);
    }

    private static void job(Map<String, Pattern> added, String nameRegex, JsonNode jobSpec) {
        Pattern jobName = Pattern.compile(nameRegex);
        added.put("batch.kubernetes.io/job-name", jobName);
        added.put("job-name", jobName);
        added.put("batch.kubernetes.io/controller-uid", ANY);
        added.put("controller-uid", ANY);
        if ("Indexed".equals(jobSpec.path("completionMode").asText(""))) {
            added.put("batch.kubernetes.io/job-completion-index", ORDINAL);
        }
    }

    /** The label keys controllers add to some pods of the input, for indexes. */
    public Set<String> addedKeys() {
        return added.keySet();
    }

    /** The labels of the pod template, as written. */
    public Map<String, String> template() {
        return template;
    }

    /** True when a pod can carry {@code key=value}. */
    public boolean mayHave(String key, String value) {
        Pattern p = added.get(key);
        return value.equals(template.get(key)) || (p != null && p.matcher(value).matches());
    }

    private boolean mayHaveKey(String key) {
        return template.containsKey(key) || added.containsKey(key);
    }

    /**
     * Whether a {@code LabelSelector} ({@code matchLabels}, {@code matchExpressions}) could select such a pod. An
     * empty selector selects everything; a missing or null one selects nothing.
     */
    public boolean mayMatch(JsonNode selector) {
        if (selector == null || !selector.isObject()) {
            return false;
        }
        for (var it = selector.path("matchLabels").properties().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (!mayHave(e.getKey(), e.getValue().asText())) {
                return false;
            }
        }
        for (JsonNode expr : selector.path("matchExpressions")) {
            if (!expressionMayMatch(expr)) {
                return false;
            }
        }
        return true;
    }

    /** Whether a plain label map (a Service's {@code spec.selector}) could select such a pod; empty selects nothing. */
    public boolean mayMatchMap(JsonNode selector) {
        if (selector == null || !selector.isObject() || selector.isEmpty()) {
            return false;
        }
        for (var it = selector.properties().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (!mayHave(e.getKey(), e.getValue().asText())) {
                return false;
            }
        }
        return true;
    }

    private boolean expressionMayMatch(JsonNode expr) {
        String key = expr.path("key").asText("");
        Set<String> values = new HashSet<>();
        expr.path("values").forEach(v -> values.add(v.asText()));
        Pattern dynamic = added.get(key);
        String fixed = template.get(key);
        return switch (expr.path("operator").asText("")) {
            case "In" -> values.stream().anyMatch(v -> mayHave(key, v));
            // a controller-added label can take a value outside the list
            case "NotIn" -> dynamic != null || fixed == null || !values.contains(fixed);
            case "Exists" -> mayHaveKey(key);
            case "DoesNotExist" -> !mayHaveKey(key);
            default -> false;
        };
    }
}
