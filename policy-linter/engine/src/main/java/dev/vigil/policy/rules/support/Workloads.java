package dev.vigil.policy.rules.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.policy.PodSpec;
import dev.vigil.policy.Resource;
import dev.vigil.policy.ResourceSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Workload facts the rules share: kinds, replicas, HPA targeting, pods in a namespace. */
public final class Workloads {
    /** Controllers that keep a number of long-running replicas. */
    public static final Set<String> REPLICATED = Set.of("Deployment", "StatefulSet", "ReplicaSet");

    private Workloads() {}

    /** True for pods that run to completion (Jobs, CronJobs, Pods with restartPolicy Never/OnFailure). */
    public static boolean runsToCompletion(PodSpec pod) {
        String kind = pod.owner().kind();
        if (kind.equals("Job") || kind.equals("CronJob")) {
            return true;
        }
        String restart = pod.spec().path("restartPolicy").asText("");
        return restart.equals("Never") || restart.equals("OnFailure");
    }

    /** True when {@code r} is a replicated controller of the apps group (Deployment, StatefulSet, ReplicaSet). */
    public static boolean isReplicated(Resource r) {
        return REPLICATED.contains(r.kind()) && r.group().equals("apps");
    }

    /** {@code spec.replicas}, or 1 (the API default) when unset. */
    public static int replicas(Resource r) {
        JsonNode n = r.json().path("spec").path("replicas");
        return n.isIntegralNumber() ? n.intValue() : 1;
    }

    /** The HorizontalPodAutoscalers of the input that scale {@code r} (same namespace, kind and name). */
    public static List<Resource> autoscalers(ResourceSet set, Resource r) {
        Map<String, List<Resource>> byTarget = set.derived(AUTOSCALERS_BY_TARGET, Workloads::autoscalersByTarget);
        return byTarget.getOrDefault(target(r.namespace(), r.kind(), r.name()), List.of());
    }

    private static final Object AUTOSCALERS_BY_TARGET = new Object();

    /** HorizontalPodAutoscalers by {@code namespace/kind/name} of their scale target, built once per set. */
    private static Map<String, List<Resource>> autoscalersByTarget(ResourceSet set) {
        Map<String, List<Resource>> out = new HashMap<>();
        for (Resource hpa : set.ofKind("HorizontalPodAutoscaler")) {
            JsonNode ref = hpa.json().path("spec").path("scaleTargetRef");
            out.computeIfAbsent(
                            target(
                                    hpa.namespace(),
                                    ref.path("kind").asText(""),
                                    ref.path("name").asText("")),
                            k -> new ArrayList<>())
                    .add(hpa);
        }
        return out;
    }

    private static String target(String namespace, String kind, String name) {
        return namespace + '\u0000' + kind + '\u0000' + name;
    }

    /** The highest replica count {@code r} runs at: max of its replicas and its autoscalers' maxReplicas. */
    public static int maxReplicas(ResourceSet set, Resource r) {
        int max = replicas(r);
        for (Resource hpa : autoscalers(set, r)) {
            max = Math.max(max, hpa.json().path("spec").path("minReplicas").asInt(1));
            max = Math.max(max, hpa.json().path("spec").path("maxReplicas").asInt(1));
        }
        return max;
    }

    /** Every pod spec of the input whose owner is in {@code namespace} (compared as written; empty = unset). */
    public static List<PodSpec> podsIn(ResourceSet set, String namespace) {
        return set.podSpecsIn(namespace);
    }

    /** Quotes a name for messages: {@code "app"}. */
    public static String q(String s) {
        return "\"" + s + "\"";
    }
}
