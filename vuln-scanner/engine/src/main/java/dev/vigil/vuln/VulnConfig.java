package dev.vigil.vuln;

import static dev.vigil.config.yaml.ConfigYaml.firstLine;
import static dev.vigil.config.yaml.ConfigYaml.get;
import static dev.vigil.config.yaml.ConfigYaml.scalar;
import static dev.vigil.config.yaml.ConfigYaml.where;

import dev.vigil.config.yaml.ConfigYaml;
import dev.vigil.vuln.suppress.Suppressions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * The {@code vulnerabilities:} section of {@code .vigil.yaml}; the linter's keys are left to the linter.
 *
 * <pre>
 * vulnerabilities:
 *   db: osv/                      # advisory folder or zip (--db wins)
 *   maxDbAge: 7d                  # --max-db-age wins
 *   vex: [vex/openvex.json]       # OpenVEX / CycloneDX VEX documents, relative to the file
 *   ignore:
 *     - id: CVE-2022-1471         # any id or alias
 *       package: org.yaml:snakeyaml   # optional: group:artifact, package name or purl
 *       reason: we only load trusted YAML   # required
 *       expires: 2027-06-30       # optional: afterwards it stops applying and the scan warns
 * </pre>
 *
 * Every problem is reported at once, one line each ({@code .vigil.yaml:LINE: key: what is wrong}).
 *
 * @param db the database path, or null
 * @param maxDbAge the maximum database age as written, or null
 * @param vex VEX documents
 * @param ignores suppressions
 * @param problems configuration errors (exit 2)
 */
public record VulnConfig(
        Path db, String maxDbAge, List<Path> vex, List<Suppressions.Ignore> ignores, List<String> problems) {
    private static final List<String> KEYS = List.of("db", "maxDbAge", "vex", "ignore");
    private static final List<String> IGNORE_KEYS = List.of("id", "package", "reason", "expires");

    /** An empty configuration. */
    public static VulnConfig empty() {
        return new VulnConfig(null, null, List.of(), List.of(), List.of());
    }

    /** Reads the section from {@code file}; an absent section is an empty configuration. */
    public static VulnConfig load(Path file) {
        String name = file.toString();
        List<String> problems = new ArrayList<>();
        Node root;
        try {
            root = ConfigYaml.compose(file);
            if (root == null) {
                return empty();
            }
        } catch (IOException e) {
            return new VulnConfig(null, null, List.of(), List.of(), List.of(name + ": unreadable: " + e.getMessage()));
        } catch (YamlEngineException e) {
            return new VulnConfig(
                    null, null, List.of(), List.of(), List.of(name + ": invalid YAML: " + firstLine(e.getMessage())));
        }
        Node section = get(root, "vulnerabilities");
        if (section == null) {
            return empty();
        }
        if (!(section instanceof MappingNode sec)) {
            return new VulnConfig(
                    null,
                    null,
                    List.of(),
                    List.of(),
                    List.of(where(name, section) + ": vulnerabilities: expected a map"));
        }
        Path base = file.toAbsolutePath().getParent();
        Path db = null;
        String maxAge = null;
        List<Path> vex = new ArrayList<>();
        List<Suppressions.Ignore> ignores = new ArrayList<>();
        ConfigYaml.unknownKeys(name, sec, "vulnerabilities.", KEYS, problems);
        for (NodeTuple t : sec.getValue()) {
            String key = scalar(t.getKeyNode());
            Node v = t.getValueNode();
            switch (key == null ? "" : key) {
                case "db" -> db = base.resolve(scalar(v) == null ? "" : scalar(v));
                case "maxDbAge" -> maxAge = scalar(v);
                case "vex" -> {
                    if (v instanceof SequenceNode s) {
                        s.getValue().forEach(n -> vex.add(base.resolve(String.valueOf(scalar(n)))));
                    } else {
                        problems.add(where(name, v) + ": vulnerabilities.vex: expected a list of VEX files");
                    }
                }
                case "ignore" -> ignores(name, v, ignores, problems);
                default -> {} // reported above
            }
        }
        return new VulnConfig(db, maxAge, vex, ignores, problems);
    }

    private static void ignores(String name, Node v, List<Suppressions.Ignore> out, List<String> problems) {
        if (!(v instanceof SequenceNode s)) {
            problems.add(where(name, v) + ": vulnerabilities.ignore: expected a list of suppressions");
            return;
        }
        for (int i = 0; i < s.getValue().size(); i++) {
            Node item = s.getValue().get(i);
            String key = "vulnerabilities.ignore[" + i + "]";
            if (!(item instanceof MappingNode m)) {
                problems.add(where(name, item) + ": " + key + ": expected a map with id and reason");
                continue;
            }
            ConfigYaml.unknownKeys(name, m, key + ".", IGNORE_KEYS, problems);
            String id = scalar(get(m, "id"));
            String reason = scalar(get(m, "reason"));
            boolean ok = true;
            if (id == null || id.isBlank()) {
                problems.add(where(name, item) + ": " + key + ": has no id, expected an advisory id or alias");
                ok = false;
            }
            if (reason == null || reason.isBlank()) {
                problems.add(where(name, item) + ": " + key
                        + ": has no reason, expected a reason saying why the suppression is needed");
                ok = false;
            }
            int before = problems.size();
            LocalDate exp = ConfigYaml.date(name, m, "expires", key + ".", problems);
            if (ok && problems.size() == before) {
                out.add(new Suppressions.Ignore(id, scalar(get(m, "package")), reason, exp, where(name, item)));
            }
        }
    }

    /**
     * Parses {@code 7d}, {@code 12h}, {@code 2w}, {@code 30m}, {@code 45s} (the shared grammar,
     * {@link dev.vigil.config.Durations}) into whole seconds.
     */
    public static long parseDurationSeconds(String s) {
        return dev.vigil.config.Durations.parse(s)
                .map(java.time.Duration::getSeconds)
                .orElseThrow(() -> new IllegalArgumentException(
                        "'" + s + "' is not a duration, expected a number and s, m, h, d or w" + " (e.g. 7d)"));
    }
}
