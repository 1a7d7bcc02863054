package dev.vigil.policy.rules.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.policy.Resource;
import dev.vigil.policy.ResourceSet;
import dev.vigil.policy.schema.SchemaValidation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Custom resources of the input whose operator creates pods and Services at run time (a prometheus-operator
 * {@code Alertmanager}, a Strimzi {@code Kafka}, a CloudNativePG {@code Cluster}, a Flux {@code HelmRelease}), so
 * that the "selects nothing" rules stay quiet about selectors those objects could satisfy, and keep firing on
 * label typos.
 *
 * <p>A custom resource could own the objects a selector selects when it explains every term of the selector:
 * the label is among the labels the resource carries or hands to its pods (its {@code metadata.labels}, or any
 * {@code labels}/{@code *Labels} map of its spec such as {@code podMetadata.labels}); or the value names the
 * resource or its kind ({@code alertmanager: main}, {@code app.kubernetes.io/instance: main},
 * {@code strimzi.io/name: my-cluster-kafka}, {@code app.kubernetes.io/name: alertmanager}); or the label key
 * belongs to the operator ({@code strimzi.io/…} for group {@code kafka.strimzi.io}, {@code cnpg.io/…} for
 * {@code postgresql.cnpg.io}, a key naming the kind such as {@code operated-prometheus}). {@code NotIn} and
 * {@code DoesNotExist} terms need no explanation. Kinds that only configure or select other objects
 * (ServiceMonitor, Certificate, ExternalSecret, VirtualService, HTTPRoute, …) own nothing.
 */
public final class CustomOwners {
    /** Custom resource kinds that configure or select other objects and create no pods or Services. */
    private static final Set<String> PASSIVE = Set.of(
            "ServiceMonitor",
            "PodMonitor",
            "Probe",
            "PrometheusRule",
            "AlertmanagerConfig",
            "ScrapeConfig",
            "Certificate",
            "CertificateRequest",
            "Issuer",
            "ClusterIssuer",
            "Order",
            "Challenge",
            "ExternalSecret",
            "ClusterExternalSecret",
            "SecretStore",
            "ClusterSecretStore",
            "PushSecret",
            "SealedSecret",
            "VirtualService",
            "DestinationRule",
            "ServiceEntry",
            "PeerAuthentication",
            "RequestAuthentication",
            "AuthorizationPolicy",
            "Sidecar",
            "EnvoyFilter",
            "Telemetry",
            "WorkloadEntry",
            "HTTPRoute",
            "GRPCRoute",
            "TCPRoute",
            "TLSRoute",
            "UDPRoute",
            "ReferenceGrant",
            "BackendTLSPolicy",
            "Middleware",
            "MiddlewareTCP",
            "IngressRoute",
            "IngressRouteTCP",
            "IngressRouteUDP",
            "TLSOption",
            "ServersTransport",
            "VerticalPodAutoscaler",
            "ScaledObject",
            "ScaledJob",
            "TriggerAuthentication",
            "ClusterTriggerAuthentication",
            "CiliumNetworkPolicy",
            "CiliumClusterwideNetworkPolicy",
            "GlobalNetworkPolicy",
            "NetworkPolicy",
            "PolicyException",
            "ClusterPolicy",
            "Policy",
            "ConstraintTemplate");

    /** Label keys that select by the generic recommended labels: only exact label matches explain them. */
    private static final int MAX_DEPTH = 5;

    private static final Object BY_NAMESPACE = new Object();
    private static final Object OWNER_LABELS = new Object();

    private CustomOwners() {}

    /** The custom resources of {@code set} in {@code namespace} that could own pods or Services. */
    public static List<Resource> in(ResourceSet set, String namespace) {
        Map<String, List<Resource>> byNamespace = set.derived(BY_NAMESPACE, CustomOwners::index);
        return byNamespace.getOrDefault(namespace, List.of());
    }

    private static Map<String, List<Resource>> index(ResourceSet set) {
        Map<String, List<Resource>> out = new HashMap<>();
        for (Resource r : set.resources()) {
            if (r.group().contains(".")
                    && !SchemaValidation.isBuiltInGroup(r.group())
                    && !PASSIVE.contains(r.kind())
                    && !r.kind().equals("CustomResourceDefinition")) {
                out.computeIfAbsent(r.namespace(), k -> new ArrayList<>()).add(r);
            }
        }
        return out;
    }

    /**
     * True when a custom resource of the input in one of {@code namespaces} (null: any namespace) could own objects
     * that {@code selector} selects.
     *
     * @param mapForm true for a plain label map (a Service's {@code spec.selector}), false for a
     *     {@code LabelSelector}
     */
    public static boolean couldOwnSelected(
            ResourceSet set, Set<String> namespaces, JsonNode selector, boolean mapForm) {
        for (Resource cr : candidates(set, namespaces)) {
            if (explains(set, cr, selector, mapForm)) {
                return true;
            }
        }
        return false;
    }

    /** True when a custom resource in {@code namespace} could create a Service named {@code name}. */
    public static boolean couldOwnServiceNamed(ResourceSet set, String namespace, String name) {
        for (Resource cr : in(set, namespace)) {
            if (namesOrIsNamedFor(cr, name)) {
                return true;
            }
        }
        return false;
    }

    private static List<Resource> candidates(ResourceSet set, Set<String> namespaces) {
        if (namespaces != null) {
            List<Resource> out = new ArrayList<>();
            for (String ns : namespaces) {
                out.addAll(in(set, ns));
            }
            return out;
        }
        List<Resource> out = new ArrayList<>();
        Map<String, List<Resource>> byNamespace = set.derived(BY_NAMESPACE, CustomOwners::index);
        byNamespace.values().forEach(out::addAll);
        return out;
    }

    private static boolean explains(ResourceSet set, Resource cr, JsonNode selector, boolean mapForm) {
        if (selector == null || !selector.isObject() || selector.isEmpty()) {
            return false;
        }
        Map<String, Set<String>> labels = ownerLabels(set, cr);
        JsonNode matchLabels = mapForm ? selector : selector.path("matchLabels");
        for (var it = matchLabels.properties().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (!explains(cr, labels, e.getKey(), e.getValue().asText())) {
                return false;
            }
        }
        if (mapForm) {
            return true;
        }
        for (JsonNode expr : selector.path("matchExpressions")) {
            String key = expr.path("key").asText("");
            boolean ok = switch (expr.path("operator").asText("")) {
                case "In" -> {
                    boolean any = false;
                    for (JsonNode v : expr.path("values")) {
                        any |= explains(cr, labels, key, v.asText());
                    }
                    yield any;
                }
                case "Exists" -> labels.containsKey(key) || keyBelongsTo(cr, key);
                default -> true; // NotIn, DoesNotExist: no label is required
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean explains(Resource cr, Map<String, Set<String>> labels, String key, String value) {
        Set<String> known = labels.get(key);
        return (known != null && known.contains(value)) || namesOrIsNamedFor(cr, value) || keyBelongsTo(cr, key);
    }

    /**
     * True when {@code value} is the resource's name or kind, or one of them joined to other words
     * ({@code alertmanager-main}, {@code my-cluster-kafka}, {@code prometheus-operated}).
     */
    private static boolean namesOrIsNamedFor(Resource cr, String value) {
        String v = value.toLowerCase(Locale.ROOT);
        return containsWord(v, cr.name().toLowerCase(Locale.ROOT))
                || containsWord(v, cr.kind().toLowerCase(Locale.ROOT));
    }

    /** {@code word} equals {@code text} or appears in it between {@code - . _} separators or the ends. */
    static boolean containsWord(String text, String word) {
        if (word.isEmpty()) {
            return false;
        }
        for (int i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
            int end = i + word.length();
            boolean startOk = i == 0 || isSeparator(text.charAt(i - 1));
            boolean endOk = end == text.length() || isSeparator(text.charAt(end));
            if (startOk && endOk) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSeparator(char c) {
        return c == '-' || c == '.' || c == '_' || c == '/';
    }

    /**
     * True when the label key belongs to the resource's operator: its prefix is the resource's API group, a
     * subdomain or parent domain of it, or shares its registered domain ({@code common.k8s.elastic.co} and
     * {@code elasticsearch.k8s.elastic.co}); or its name names the kind ({@code operated-alertmanager}).
     */
    static boolean keyBelongsTo(Resource cr, String key) {
        int slash = key.indexOf('/');
        String name = slash < 0 ? key : key.substring(slash + 1);
        if (containsWord(name.toLowerCase(Locale.ROOT), cr.kind().toLowerCase(Locale.ROOT))) {
            return true;
        }
        if (slash < 0) {
            return false;
        }
        String domain = key.substring(0, slash);
        String group = cr.group();
        if (domain.equals(group) || domain.endsWith("." + group) || group.endsWith("." + domain)) {
            return true;
        }
        String registered = registered(group);
        return !registered.equals("k8s.io")
                && !registered.equals("kubernetes.io")
                && registered.contains(".")
                && registered.equals(registered(domain));
    }

    /** The last two labels of a DNS name: {@code elastic.co} of {@code elasticsearch.k8s.elastic.co}. */
    private static String registered(String domain) {
        int last = domain.lastIndexOf('.');
        int before = last <= 0 ? -1 : domain.lastIndexOf('.', last - 1);
        return before < 0 ? domain : domain.substring(before + 1);
    }

    /** The labels a custom resource carries or hands on: key → values, from its metadata and its spec. */
    private static Map<String, Set<String>> ownerLabels(ResourceSet set, Resource cr) {
        Map<Resource, Map<String, Set<String>>> cache =
                set.derived(OWNER_LABELS, s -> new java.util.concurrent.ConcurrentHashMap<>());
        return cache.computeIfAbsent(cr, r -> {
            Map<String, Set<String>> out = new HashMap<>();
            r.labels()
                    .forEach((k, v) ->
                            out.computeIfAbsent(k, x -> new HashSet<>()).add(v));
            collect(r.json().path("spec"), 0, out);
            return out;
        });
    }

    /** Every {@code labels} or {@code *Labels} map (not selectors' {@code matchLabels}) under {@code node}. */
    private static void collect(JsonNode node, int depth, Map<String, Set<String>> out) {
        if (depth > MAX_DEPTH) {
            return;
        }
        if (node.isArray()) {
            for (JsonNode item : node) {
                collect(item, depth + 1, out);
            }
            return;
        }
        for (var it = node.properties().iterator(); it.hasNext(); ) {
            var e = it.next();
            String field = e.getKey();
            JsonNode value = e.getValue();
            boolean labelMap = (field.equals("labels") || field.endsWith("Labels")) && !field.equals("matchLabels");
            if (labelMap && value.isObject()) {
                value.properties().forEach(l -> {
                    if (l.getValue().isValueNode()) {
                        out.computeIfAbsent(l.getKey(), x -> new HashSet<>())
                                .add(l.getValue().asText());
                    }
                });
            } else if (value.isContainerNode()) {
                collect(value, depth + 1, out);
            }
        }
    }
}
