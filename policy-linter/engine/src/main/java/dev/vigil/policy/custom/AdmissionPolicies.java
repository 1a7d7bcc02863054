package dev.vigil.policy.custom;

import dev.vigil.policy.Resource;
import dev.vigil.policy.ResourceSet;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Evaluates the {@code ValidatingAdmissionPolicy} manifests of the input against every other object of the
 * input, offline. Each policy is compiled once (per loaded object).
 */
public final class AdmissionPolicies {
    /** A policy whose expressions exceed the iteration budget on this many objects is not evaluated further. */
    static final int MAX_OVER_BUDGET = 3;

    private static final Map<Resource, AdmissionPolicy> COMPILED = Collections.synchronizedMap(new WeakHashMap<>());

    /** Receives one violation. */
    public interface Sink {
        void report(Resource resource, String path, String message);
    }

    private AdmissionPolicies() {}

    /** True for a {@code ValidatingAdmissionPolicy} of {@code admissionregistration.k8s.io}. */
    public static boolean isPolicy(Resource r) {
        return r.kind().equals("ValidatingAdmissionPolicy") && r.group().equals("admissionregistration.k8s.io");
    }

    /** Reports policy problems (on the policies) and every violation of every policy in {@code set}. */
    public static void evaluate(ResourceSet set, Sink sink) {
        for (Resource r : set.resources()) {
            if (!isPolicy(r)) {
                continue;
            }
            AdmissionPolicy policy = COMPILED.computeIfAbsent(r, AdmissionPolicy::new);
            for (AdmissionPolicy.Violation v : policy.problems()) {
                sink.report(v.resource(), v.path(), v.message());
            }
            int overBudget = 0;
            for (Resource target : set.resources()) {
                if (overBudget >= MAX_OVER_BUDGET) {
                    sink.report(
                            r,
                            "spec.validations",
                            "ValidatingAdmissionPolicy " + r.name()
                                    + ": evaluation stopped after " + MAX_OVER_BUDGET
                                    + " objects exceeded the CEL iteration budget");
                    break;
                }
                for (AdmissionPolicy.Violation v : policy.evaluate(target, set)) {
                    sink.report(v.resource(), v.path(), v.message());
                    if (v.message().contains("Iteration budget exceeded")) {
                        overBudget++;
                    }
                }
            }
        }
    }
}
