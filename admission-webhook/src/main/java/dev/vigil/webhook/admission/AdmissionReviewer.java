package dev.vigil.webhook.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.policy.Finding;
import dev.vigil.policy.PodSpec;
import dev.vigil.policy.Report;
import dev.vigil.policy.Resource;
import dev.vigil.policy.ResourceSet;
import dev.vigil.webhook.WebhookMode;
import dev.vigil.webhook.admission.AdmissionDecision.Outcome;
import dev.vigil.webhook.admission.AdmissionDecision.Violation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides admission requests with the policy engine, the way Pod Security Admission applies its levels: the
 * enforce level denies, the warn level adds warnings, the audit level adds audit annotations. Levels come from
 * the namespace's {@code vigil.dev/*} labels (read from memory) or the cluster defaults. Thread-safe.
 */
public final class AdmissionReviewer {
    public static final String LABEL_PREFIX = "vigil.dev/";
    public static final String MUTATE_LABEL = "vigil.dev/mutate";
    private static final Set<String> CHECKED_SUBRESOURCES = Set.of("", "ephemeralcontainers");

    private final AdmissionSettings settings;
    private final NamespaceLabels namespaces;
    private final PolicyEngines engines;

    public AdmissionReviewer(AdmissionSettings settings, NamespaceLabels namespaces) {
        this.settings = settings;
        this.namespaces = namespaces;
        this.engines = new PolicyEngines(settings.policy());
    }

    public AdmissionSettings settings() {
        return settings;
    }

    public NamespaceLabels namespaces() {
        return namespaces;
    }

    /**
     * Builds the engines of the default levels and runs them once, so the first request pays no start-up cost.
     *
     * @throws RuntimeException when the engine cannot load (readiness must then never turn true)
     */
    public void warmUp() {
        ObjectNode pod = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        pod.put("apiVersion", "v1").put("kind", "Pod").putObject("metadata").put("name", "warm-up");
        pod.putObject("spec")
                .putArray("containers")
                .addObject()
                .put("name", "c")
                .put("image", "busybox");
        ResourceSet set = ResourceSet.of(List.of(Resource.of(pod, "warm-up")));
        for (WebhookMode mode : WebhookMode.values()) {
            Level level = settings.defaults().of(mode);
            if (!level.disabled()) {
                engines.get(level).evaluate(set);
            }
        }
    }

    /** The validating decision for {@code req}. */
    public AdmissionDecision validate(AdmissionRequestView req) {
        AdmissionDecision skipped = skipReason(req);
        if (skipped != null) {
            return skipped;
        }
        Resource resource = resourceOf(req);
        ResourceSet set = ResourceSet.of(List.of(resource));
        String exempt = exemptRuntimeClass(set, resource);
        if (exempt != null) {
            return AdmissionDecision.skip(req, Outcome.EXEMPT, Map.of("exempt", "runtimeClassName " + exempt));
        }
        Map<String, String> labels = namespaces.labels(req.namespace());
        List<String> labelProblems = new ArrayList<>();
        ModeLevels levels = NamespaceLevels.resolve(labels, settings.defaults(), labelProblems);

        Map<Level, Report> reports = new HashMap<>(4);
        List<Violation> violations = new ArrayList<>();
        Map<String, String> audit = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>(labelProblems);

        List<Finding> denying = List.of();
        Set<String> denied = new HashSet<>();
        if (!levels.enforce().disabled()) {
            denying = unsuppressed(report(reports, levels.enforce(), set), true);
            for (Finding f : denying) {
                violations.add(new Violation(WebhookMode.ENFORCE, f.ruleId()));
                denied.add(f.ruleId() + "@" + f.path());
            }
            audit.put("enforce-policy", levels.enforce().toString());
        }
        if (!levels.warn().disabled()) {
            List<Finding> warn = new ArrayList<>();
            for (Finding f : unsuppressed(report(reports, levels.warn(), set), false)) {
                if (!denied.contains(f.ruleId() + "@" + f.path())) {
                    warn.add(f);
                }
                violations.add(new Violation(WebhookMode.WARN, f.ruleId()));
            }
            warnings.addAll(Messages.warnings(levels.warn(), warn));
        }
        if (!levels.audit().disabled()) {
            List<Finding> auditFindings = unsuppressed(report(reports, levels.audit(), set), false);
            for (Finding f : auditFindings) {
                violations.add(new Violation(WebhookMode.AUDIT, f.ruleId()));
            }
            if (!auditFindings.isEmpty()) {
                audit.put("audit-policy", levels.audit().toString());
                audit.put("audit-violations", Messages.audit(auditFindings));
            }
        }
        List<Violation> counted = req.dryRun() ? List.of() : violations;
        if (!denying.isEmpty()) {
            return new AdmissionDecision(
                    req.uid(),
                    false,
                    403,
                    Messages.denial(req, levels.enforce(), denying),
                    warnings,
                    audit,
                    null,
                    Outcome.DENIED,
                    req.kindLabel(),
                    req.operation(),
                    counted);
        }
        return new AdmissionDecision(
                req.uid(),
                true,
                0,
                "",
                warnings,
                audit,
                null,
                warnings.isEmpty() ? Outcome.ALLOWED : Outcome.WARNED,
                req.kindLabel(),
                req.operation(),
                counted);
    }

    /**
     * The mutating decision: always allowed; in namespaces labelled {@code vigil.dev/mutate: "true"} (or all
     * namespaces with {@link AdmissionSettings#mutateByDefault()}) a minimal JSONPatch adds safe defaults that are
     * absent. Applying the patch and asking again yields no patch.
     */
    public AdmissionDecision mutate(AdmissionRequestView req) {
        AdmissionDecision skipped = skipReason(req);
        if (skipped != null) {
            return skipped;
        }
        if (!"CREATE".equals(req.operation()) && !"UPDATE".equals(req.operation())) {
            return AdmissionDecision.skip(req, Outcome.SKIPPED, Map.of());
        }
        Map<String, String> labels = namespaces.labels(req.namespace());
        String flag = labels == null ? null : labels.get(MUTATE_LABEL);
        boolean mutate = flag == null ? settings.mutateByDefault() : "true".equals(flag);
        if (!mutate) {
            return AdmissionDecision.skip(req, Outcome.SKIPPED, Map.of());
        }
        Resource resource = Resource.of(req.object(), "admission:" + req.uid());
        ResourceSet set = ResourceSet.of(List.of(resource));
        String exempt = exemptRuntimeClass(set, resource);
        if (exempt != null) {
            return AdmissionDecision.skip(req, Outcome.EXEMPT, Map.of("exempt", "runtimeClassName " + exempt));
        }
        ArrayNode patch = DefaultsPatch.forPods(set.podSpecs(resource));
        return new AdmissionDecision(
                req.uid(),
                true,
                0,
                "",
                List.of(),
                patch.isEmpty() ? Map.of() : Map.of("mutated", patch.size() + " defaults added"),
                patch.isEmpty() ? null : patch,
                patch.isEmpty() ? Outcome.ALLOWED : Outcome.WARNED,
                req.kindLabel(),
                req.operation(),
                List.of());
    }

    /** Null when the request must be checked, else the allow decision that skips it. */
    private AdmissionDecision skipReason(AdmissionRequestView req) {
        if (!CHECKED_SUBRESOURCES.contains(req.subResource())) {
            return AdmissionDecision.skip(req, Outcome.SKIPPED, Map.of());
        }
        if ("DELETE".equals(req.operation()) || "CONNECT".equals(req.operation()) || req.object() == null) {
            return AdmissionDecision.skip(req, Outcome.SKIPPED, Map.of());
        }
        if (settings.exemptNamespaces().contains(req.namespace())) {
            return AdmissionDecision.skip(req, Outcome.EXEMPT, Map.of("exempt", "namespace " + req.namespace()));
        }
        if (settings.exemptUsernames().contains(req.username())) {
            return AdmissionDecision.skip(req, Outcome.EXEMPT, Map.of("exempt", "username " + req.username()));
        }
        if ("UPDATE".equals(req.operation())
                && req.subResource().isEmpty()
                && req.oldObject() != null
                && sameIgnoringMetadata(req.object(), req.oldObject())) {
            return AdmissionDecision.skip(req, Outcome.SKIPPED, Map.of());
        }
        return null;
    }

    private Resource resourceOf(AdmissionRequestView req) {
        ObjectNode object = req.object();
        JsonNode meta = object.get("metadata");
        if (!req.namespace().isEmpty() && meta instanceof ObjectNode m && !m.hasNonNull("namespace")) {
            m.put("namespace", req.namespace());
        }
        return Resource.of(object, "admission:" + req.uid());
    }

    private String exemptRuntimeClass(ResourceSet set, Resource resource) {
        if (settings.exemptRuntimeClasses().isEmpty()) {
            return null;
        }
        for (PodSpec pod : set.podSpecs(resource)) {
            String rc = pod.spec().path("runtimeClassName").asText("");
            if (!rc.isEmpty() && settings.exemptRuntimeClasses().contains(rc)) {
                return rc;
            }
        }
        return null;
    }

    private Report report(Map<Level, Report> reports, Level level, ResourceSet set) {
        return reports.computeIfAbsent(level, l -> engines.get(l).evaluate(set));
    }

    private List<Finding> unsuppressed(Report report, boolean thresholded) {
        List<Finding> out = new ArrayList<>();
        for (Finding f : report.findings()) {
            if (!f.suppressed() && (!thresholded || f.severity().atLeast(settings.failOn()))) {
                out.add(f);
            }
        }
        return out;
    }

    /** True when the objects differ at most in {@code metadata} and {@code status} (as Pod Security Admission). */
    static boolean sameIgnoringMetadata(ObjectNode a, ObjectNode b) {
        int compared = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("metadata") || e.getKey().equals("status")) {
                continue;
            }
            if (!e.getValue().equals(b.get(e.getKey()))) {
                return false;
            }
            compared++;
        }
        int other = b.size() - (b.has("metadata") ? 1 : 0) - (b.has("status") ? 1 : 0);
        return compared == other;
    }
}
