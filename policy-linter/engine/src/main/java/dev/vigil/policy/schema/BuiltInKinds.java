package dev.vigil.policy.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The kinds of Kubernetes' own API groups, served now or in the past ({@code builtin-kinds.txt} beside this class),
 * so that schema validation can tell a built-in kind it bundles no schema for (quiet) from a kind no Kubernetes
 * release has (reported as skipped, like a custom resource without a CRD).
 */
final class BuiltInKinds {
    private static final String RESOURCE = "dev/vigil/policy/schema/builtin-kinds.txt";
    /** Kinds by {@code group/version} ({@code v1} for the core group). */
    private static final Map<String, Set<String>> KINDS = read();

    private static final Set<String> GROUPS = groups();

    private BuiltInKinds() {}

    /**
     * True for an API group that only Kubernetes itself defines: the core group, a group without a dot (a custom
     * resource's group always has one), or one of the listed groups. Other {@code *.k8s.io} groups (Gateway API,
     * volume snapshots) are installed with CRDs and are custom resources here.
     */
    static boolean isBuiltInGroup(String group) {
        return group.isEmpty() || !group.contains(".") || GROUPS.contains(group);
    }

    /**
     * Null when {@code apiVersion}/{@code kind} of a built-in group is a Kubernetes kind (now or in the past);
     * otherwise what is wrong with it, for the skipped notice.
     */
    static String unknown(String apiVersion, String kind) {
        Set<String> kinds = KINDS.get(apiVersion);
        if (kinds != null) {
            return kinds.contains(kind) ? null : kind + " is not a kind of the Kubernetes API " + apiVersion;
        }
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        if (GROUPS.contains(group)) {
            return apiVersion.substring(slash + 1) + " is not a version of the Kubernetes API group " + group;
        }
        return (group.isEmpty() ? "'" + apiVersion + "'" : group)
                + " is not a Kubernetes API group (a custom resource's group contains a dot)";
    }

    private static Map<String, Set<String>> read() {
        try (InputStream in = BuiltInKinds.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + ": missing from the class path");
            }
            Map<String, Set<String>> out = new HashMap<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                String[] parts = l.split("\\s+");
                Set<String> kinds = out.computeIfAbsent(parts[0], k -> new HashSet<>());
                for (int i = 1; i < parts.length; i++) {
                    kinds.add(parts[i]);
                }
            }
            return Map.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(RESOURCE + ": " + e.getMessage(), e);
        }
    }

    private static Set<String> groups() {
        Set<String> out = new HashSet<>();
        for (String gv : KINDS.keySet()) {
            int slash = gv.indexOf('/');
            out.add(slash < 0 ? "" : gv.substring(0, slash));
        }
        return Set.copyOf(out);
    }
}
