package dev.vigil.webhook.admission;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.vigil.webhook.WebhookMode;
import java.util.List;
import java.util.Map;

/**
 * The answer to one admission request, ready to be written as an AdmissionReview response.
 *
 * @param uid the request uid, echoed
 * @param allowed whether the API server may persist the object
 * @param code HTTP-style status code of a denial (403 for a policy violation, 429 when shed), 0 when allowed
 * @param message why the request was denied, naming rule ids, paths and reasons; empty when allowed
 * @param warnings warn-mode findings, each at most {@value Messages#MAX_WARNING_LENGTH} characters
 * @param auditAnnotations audit-mode findings and decision details (the API server prefixes the keys)
 * @param patch a JSONPatch for a mutating request, null when there is nothing to change
 * @param outcome how the request was decided, for metrics and logs
 * @param kind the object's kind (metrics label)
 * @param operation the request's operation (metrics label)
 * @param violations rule ids found per mode (for per-rule metrics); empty for dry runs
 */
public record AdmissionDecision(
        String uid,
        boolean allowed,
        int code,
        String message,
        List<String> warnings,
        Map<String, String> auditAnnotations,
        ArrayNode patch,
        Outcome outcome,
        String kind,
        String operation,
        List<Violation> violations) {

    /** How a request was decided. */
    public enum Outcome {
        /** Checked and nothing at or above the enforce threshold. */
        ALLOWED,
        /** Checked and allowed, with warnings. */
        WARNED,
        /** Checked and denied. */
        DENIED,
        /** Not checked: exempt namespace, user or runtime class. */
        EXEMPT,
        /** Not checked: DELETE, CONNECT, a status-like subresource, a metadata-only update, no object. */
        SKIPPED,
        /** Not checked: the server was overloaded and answered at once. */
        SHED;

        /** Lower-case name, the metrics label value. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One rule violated in one mode. */
    public record Violation(WebhookMode mode, String ruleId) {}

    public AdmissionDecision {
        warnings = List.copyOf(warnings);
        auditAnnotations = Map.copyOf(auditAnnotations);
        violations = List.copyOf(violations);
    }

    /** Allowed without checking. */
    static AdmissionDecision skip(AdmissionRequestView req, Outcome outcome, Map<String, String> audit) {
        return new AdmissionDecision(
                req.uid(), true, 0, "", List.of(), audit, null, outcome, req.kindLabel(), req.operation(), List.of());
    }

    /**
     * The fast answer of an overloaded server: a validating request is denied with code 429 (the client may
     * retry; the API server never waits for a late answer), a mutating one is allowed unchanged.
     */
    public static AdmissionDecision shed(String uid, String kind, String operation, boolean validating, String reason) {
        return new AdmissionDecision(
                uid,
                !validating,
                validating ? 429 : 0,
                validating ? "vigil webhook is overloaded, retry: " + reason : "",
                validating ? List.of() : List.of("vigil webhook is overloaded; no defaults were added"),
                Map.of("shed", reason),
                null,
                Outcome.SHED,
                kind,
                operation,
                List.of());
    }
}
