package dev.vigil.policy.custom;

import dev.vigil.policy.Resource;
import dev.vigil.policy.ResourceSet;
import dev.vigil.policy.Severity;
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
        /**
         * @param severity from the policy's bindings in the input ({@code Deny} error, {@code Warn} warning,
         *     {@code Audit} info; the strongest when several), or null when the input binds the policy nowhere
         */
        void report(Resource resource, String path, String message, Severity severity);
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
                sink.report(v.resource(), v.path(), v.message(), null);
            }
            Severity severity = bindingSeverity(set, r.name());
            int overBudget = 0;
            for (Resource target : set.resources()) {
                if (overBudget >= MAX_OVER_BUDGET) {
                    sink.report(
                            r,
                            "spec.validations",
                            "ValidatingAdmissionPolicy " + r.name()
                                    + ": evaluation stopped after " + MAX_OVER_BUDGET
                                    + " objects exceeded the CEL iteration budget",
                            null);
                    break;
                }
                for (AdmissionPolicy.Violation v : policy.evaluate(target, set)) {
                    sink.report(v.resource(), v.path(), v.message(), severity);
                    if (v.message().contains("Iteration budget exceeded")) {
                        overBudget++;
                    }
                }
            }
        }
    }

    /**
     * The severity the input's bindings of {@code policyName} give its violations: {@code Deny} is an error,
     * {@code Warn} a warning, {@code Audit} an info, the strongest over all bindings; null when none binds it.
     */
    static Severity bindingSeverity(ResourceSet set, String policyName) {
        Severity strongest = null;
        for (Resource binding : set.ofKind("ValidatingAdmissionPolicyBinding")) {
            if (!binding.group().equals("admissionregistration.k8s.io")
                    || !binding.json()
                            .path("spec")
                            .path("policyName")
                            .asText("")
                            .equals(policyName)) {
                continue;
            }
            for (com.fasterxml.jackson.databind.JsonNode action :
                    binding.json().path("spec").path("validationActions")) {
                Severity s = switch (action.asText("")) {
                    case "Deny" -> Severity.ERROR;
                    case "Warn" -> Severity.WARNING;
                    case "Audit" -> Severity.INFO;
                    default -> null;
                };
                if (s != null && (strongest == null || s.ordinal() < strongest.ordinal())) {
                    strongest = s;
                }
            }
        }
        return strongest;
    }
}
