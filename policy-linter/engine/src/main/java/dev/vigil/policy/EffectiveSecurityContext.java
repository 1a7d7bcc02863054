package dev.vigil.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The security context a container really runs with: the pod-level {@code securityContext} merged with the
 * container's own, the way the kubelet merges them ({@code DetermineEffectiveSecurityContext}): a field the
 * container sets wins; otherwise the pod-level value of the inheritable fields ({@link #INHERITED}) applies;
 * {@code seLinuxOptions}, {@code seccompProfile} and {@code appArmorProfile} replace the pod's as a whole, and
 * {@code windowsOptions} is merged field by field ({@link #windowsOption(String)}).
 *
 * <p>Computed once per container and cached ({@link PodSpec.Container#effectiveSecurityContext()}), so every rule
 * sees the same inheritance: a pod-level {@code runAsNonRoot: true} satisfies each container that does not
 * override it — the most common false positive of other linters. Each {@link Value} remembers where it was set,
 * so a finding points at the field that decided it; an unset value points at the container's
 * {@code securityContext} (which resolves to its nearest existing ancestor in the file).
 */
public final class EffectiveSecurityContext {
    /** Fields a container inherits from the pod-level security context when it does not set them itself. */
    public static final Set<String> INHERITED = Set.of(
            "runAsUser",
            "runAsGroup",
            "runAsNonRoot",
            "seLinuxOptions",
            "seccompProfile",
            "appArmorProfile",
            "windowsOptions");

    /** Where an effective value comes from. */
    public enum Source {
        CONTAINER,
        POD,
        UNSET
    }

    /**
     * One effective field.
     *
     * @param field the field name, e.g. {@code runAsNonRoot}
     * @param node its value (a missing node when unset; explicit {@code null} counts as unset)
     * @param source container, pod or unset
     * @param path the path of the deciding field in the owning resource; for an unset field the path it would have
     *     in the container's {@code securityContext}
     */
    public record Value(String field, JsonNode node, Source source, String path) {
        public boolean isSet() {
            return source != Source.UNSET;
        }

        /** True when set to the boolean {@code true}. */
        public boolean isTrue() {
            return node.isBoolean() && node.booleanValue();
        }

        /** True when set to the boolean {@code false}. */
        public boolean isFalse() {
            return node.isBoolean() && !node.booleanValue();
        }

        /** The integral value, empty when unset or not an integer. */
        public OptionalLong asLong() {
            return node.isIntegralNumber() ? OptionalLong.of(node.longValue()) : OptionalLong.empty();
        }

        /** The scalar value as text, empty when unset or not a scalar. */
        public String asText() {
            return node.isValueNode() && !node.isNull() ? node.asText() : "";
        }
    }

    private final PodSpec.Container container;
    private final JsonNode pod;
    private final JsonNode own;
    // Values are immutable and the tree is read-only: each field's Value (with its path string) is built once per
    // container, not once per rule that asks (rules may run in parallel, hence concurrent maps)
    private final ConcurrentMap<String, Value> values = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Value> windowsOptions = new ConcurrentHashMap<>();
    /** {@link #windows()} once computed: 0 not yet, 1 false, 2 true (a race only computes it twice). */
    private volatile int windows;

    private EffectiveSecurityContext(PodSpec.Container container) {
        this.container = container;
        this.pod = container.pod().spec().path("securityContext");
        this.own = container.json().path("securityContext");
    }

    /** Computes the effective context (uncached; rules use {@link PodSpec.Container#effectiveSecurityContext()}). */
    static EffectiveSecurityContext of(PodSpec.Container container) {
        return new EffectiveSecurityContext(container);
    }

    /** The container this context belongs to. */
    public PodSpec.Container container() {
        return container;
    }

    /**
     * The effective value of a {@code SecurityContext} field: the container's when set; else, for an
     * {@linkplain #INHERITED inheritable} field, the pod's; else unset.
     */
    public Value get(String field) {
        return cached(values, field, false);
    }

    /**
     * The value of {@code field} in {@code map}, computed once per container (a race computes it twice, the result is
     * the same and the first one stays); no lambda and no lock per call on the review path.
     */
    private Value cached(ConcurrentMap<String, Value> map, String field, boolean windowsOption) {
        Value v = map.get(field);
        if (v == null) {
            v = windowsOption ? computeWindowsOption(field) : compute(field);
            Value raced = map.putIfAbsent(field, v);
            if (raced != null) {
                v = raced;
            }
        }
        return v;
    }

    private Value compute(String field) {
        JsonNode c = own.path(field);
        if (present(c)) {
            return new Value(field, c, Source.CONTAINER, container.path("securityContext." + field));
        }
        if (INHERITED.contains(field)) {
            JsonNode p = pod.path(field);
            if (present(p)) {
                return new Value(field, p, Source.POD, container.pod().path("securityContext." + field));
            }
        }
        return new Value(field, MissingNode.getInstance(), Source.UNSET, container.path("securityContext." + field));
    }

    /** A field of {@code windowsOptions}, merged field by field (container first, then pod). */
    public Value windowsOption(String field) {
        return cached(windowsOptions, field, true);
    }

    private Value computeWindowsOption(String field) {
        JsonNode c = own.path("windowsOptions").path(field);
        if (present(c)) {
            return new Value(field, c, Source.CONTAINER, container.path("securityContext.windowsOptions." + field));
        }
        JsonNode p = pod.path("windowsOptions").path(field);
        if (present(p)) {
            return new Value(field, p, Source.POD, container.pod().path("securityContext.windowsOptions." + field));
        }
        return new Value(
                field,
                MissingNode.getInstance(),
                Source.UNSET,
                container.path("securityContext.windowsOptions." + field));
    }

    public Optional<Boolean> runAsNonRoot() {
        Value v = get("runAsNonRoot");
        return v.node().isBoolean() ? Optional.of(v.node().booleanValue()) : Optional.empty();
    }

    public OptionalLong runAsUser() {
        return get("runAsUser").asLong();
    }

    public OptionalLong runAsGroup() {
        return get("runAsGroup").asLong();
    }

    /**
     * True when the container cannot run as UID 0: {@code runAsNonRoot: true} (the kubelet refuses UID 0) or an
     * explicit non-zero {@code runAsUser}, and the effective {@code runAsUser} is not 0.
     */
    public boolean nonRoot() {
        OptionalLong uid = runAsUser();
        if (uid.isPresent()) {
            return uid.getAsLong() != 0;
        }
        return runAsNonRoot().orElse(false);
    }

    public boolean privileged() {
        return get("privileged").isTrue();
    }

    public Optional<Boolean> allowPrivilegeEscalation() {
        Value v = get("allowPrivilegeEscalation");
        return v.node().isBoolean() ? Optional.of(v.node().booleanValue()) : Optional.empty();
    }

    public boolean readOnlyRootFilesystem() {
        return get("readOnlyRootFilesystem").isTrue();
    }

    /** {@code capabilities.add}, upper-cased, without a {@code CAP_} prefix. */
    public Set<String> addedCapabilities() {
        return capabilities("add");
    }

    /** {@code capabilities.drop}, upper-cased, without a {@code CAP_} prefix. */
    public Set<String> droppedCapabilities() {
        return capabilities("drop");
    }

    /** The effective seccomp profile type ({@code RuntimeDefault}, {@code Localhost}, …) or empty. */
    public String seccompProfileType() {
        return get("seccompProfile").node().path("type").asText("");
    }

    /** The effective AppArmor profile type or empty. */
    public String appArmorProfileType() {
        return get("appArmorProfile").node().path("type").asText("");
    }

    /** The effective procMount ({@code Default}, {@code Unmasked}) or empty. */
    public String procMount() {
        return get("procMount").asText();
    }

    /** Pod-level {@code fsGroup} (pod only: no container override exists). */
    public OptionalLong fsGroup() {
        JsonNode n = pod.path("fsGroup");
        return n.isIntegralNumber() ? OptionalLong.of(n.longValue()) : OptionalLong.empty();
    }

    /** Pod-level {@code supplementalGroups}. */
    public List<Long> supplementalGroups() {
        List<Long> out = new ArrayList<>();
        for (Fields.Item item : Fields.scalars(
                container.pod().owner(),
                pod.path("supplementalGroups"),
                container.pod().path("securityContext.supplementalGroups"))) {
            JsonNode n = item.node();
            if (n.isIntegralNumber()) {
                out.add(n.longValue());
            }
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * True for Windows pods ({@code spec.os.name: windows}) and Windows host-process containers, where Linux-only
     * settings (runAsNonRoot, readOnlyRootFilesystem, capabilities, …) do not apply.
     */
    public boolean windows() {
        int known = windows;
        if (known == 0) {
            String os = container.pod().spec().path("os").path("name").asText("");
            known = os.equalsIgnoreCase("windows")
                            || windowsOption("hostProcess").isTrue()
                    ? 2
                    : 1;
            windows = known;
        }
        return known == 2;
    }

    private Set<String> capabilities(String list) {
        Set<String> out = new LinkedHashSet<>();
        for (Fields.Item item : container.scalars("securityContext.capabilities." + list)) {
            String cap = item.node().asText("").strip().toUpperCase(Locale.ROOT);
            if (cap.startsWith("CAP_")) {
                cap = cap.substring(4);
            }
            if (!cap.isEmpty()) {
                out.add(cap);
            }
        }
        return Collections.unmodifiableSet(out);
    }

    private static boolean present(JsonNode n) {
        return !n.isMissingNode() && !n.isNull();
    }

    @Override
    public String toString() {
        return "EffectiveSecurityContext{container=" + container.name() + ", runAsNonRoot=" + runAsNonRoot()
                + ", runAsUser=" + runAsUser() + ", runAsGroup=" + runAsGroup() + ", privileged=" + privileged()
                + ", readOnlyRootFilesystem=" + readOnlyRootFilesystem() + ", seccomp=" + seccompProfileType()
                + "}";
    }
}
