package dev.vigil.policy.schema;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Kubernetes schemas bundled with Vigil: one JSON schema per core kind for each bundled Kubernetes minor,
 * generated at build time from fabric8 model classes (see {@code policy-linter/schema-gen}). Schemas are read and
 * compiled lazily, once per version and kind, and shared by every engine of the JVM. Zero network.
 */
public final class KubeSchemas {
    static final String ROOT = "dev/vigil/policy/schema/kube/";
    private static final Pattern VERSION = Pattern.compile("v?(\\d+)\\.(\\d+)(?:\\.\\d+)?");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> VERSIONS = readVersions();
    private static final Map<String, Optional<CompiledSchema>> CACHE = new ConcurrentHashMap<>();

    private KubeSchemas() {}

    /** Initialises the schema validator (its draft 2020-12 dialect and registry) without compiling any schema. */
    public static void warmUp() {
        CompiledSchema.warmUp();
    }

    /** The bundled Kubernetes versions, newest first, e.g. {@code [v1.37, v1.33, v1.30]}. */
    public static List<String> versions() {
        return VERSIONS;
    }

    /** The newest bundled Kubernetes version. */
    public static String newest() {
        return VERSIONS.get(0);
    }

    /**
     * The bundled version to validate against for a requested {@code --kube-version}: null means the newest; an
     * exact minor is used as is; otherwise the newest bundled version not newer than the request (the oldest
     * when the request predates all bundled versions).
     *
     * @throws IllegalArgumentException naming the value and the expected form
     */
    public static String resolve(String requested) {
        if (requested == null || requested.isBlank()) {
            return newest();
        }
        Matcher m = VERSION.matcher(requested.strip());
        if (!m.matches() || !m.group(1).equals("1")) {
            throw new IllegalArgumentException("Kubernetes version '" + requested
                    + "' is not valid; expected v1.MINOR (bundled: " + String.join(", ", VERSIONS) + ")");
        }
        int minor = Integer.parseInt(m.group(2));
        for (String v : VERSIONS) {
            if (minor(v) <= minor) {
                return v;
            }
        }
        return VERSIONS.get(VERSIONS.size() - 1);
    }

    /** The compiled schema of {@code apiVersion}/{@code kind} in bundled {@code version}, if bundled. */
    static Optional<CompiledSchema> schema(String version, String apiVersion, String kind) {
        String resource = ROOT + version + "/" + apiVersion.replace('/', '-') + "-" + kind + ".json";
        return CACHE.computeIfAbsent(resource, KubeSchemas::load);
    }

    private static Optional<CompiledSchema> load(String resource) {
        try (InputStream in = KubeSchemas.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            ObjectNode node = (ObjectNode) JSON.readTree(in);
            return Optional.of(CompiledSchema.of(node, "vigil:" + resource));
        } catch (IOException e) {
            throw new UncheckedIOException(resource + ": " + e.getMessage(), e);
        }
    }

    static int minor(String version) {
        return Integer.parseInt(version.substring(version.indexOf('.') + 1));
    }

    private static List<String> readVersions() {
        try (InputStream in = KubeSchemas.class.getClassLoader().getResourceAsStream(ROOT + "versions.txt")) {
            if (in == null) {
                throw new IllegalStateException(
                        ROOT + "versions.txt: missing (vigil-kube-schemas not on the class path)");
            }
            List<String> versions = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .map(String::strip)
                    .filter(s -> !s.isEmpty())
                    .toList();
            if (versions.isEmpty()) {
                throw new IllegalStateException(ROOT + "versions.txt: empty");
            }
            return versions;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
