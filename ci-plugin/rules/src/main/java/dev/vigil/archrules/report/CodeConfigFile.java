package dev.vigil.archrules.report;

import static dev.vigil.config.yaml.ConfigYaml.firstLine;
import static dev.vigil.config.yaml.ConfigYaml.get;
import static dev.vigil.config.yaml.ConfigYaml.scalar;
import static dev.vigil.config.yaml.ConfigYaml.where;

import dev.vigil.archrules.Conventions;
import dev.vigil.config.yaml.ConfigYaml;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads the {@code code:} section of {@code .vigil.yaml} (the other sections belong to {@code vigil lint} and
 * {@code vigil scan}). The Maven plugin and {@code vigil code} read the same section.
 *
 * <pre>
 * code:
 *   rules: [VIGIL-ARCH-002]             # only these (default: every rule on by default)
 *   enableRules: [VIGIL-ARCH-013]       # opt-in rules besides the defaults (the package-policy rules)
 *   skipRules: [VIGIL-ARCH-011]
 *   cryptoPackages: ["..crypto.."]      # also securityPackages, processPackages, persistencePackages, webPackages
 *   ignore:
 *     - rule: VIGIL-ARCH-002
 *       class: com.example.cache.Keys   # a class, or a package and below: com.example.legacy..; default everywhere
 *       reason: MD5 is a cache key here, not a security control   # required
 *       expires: 2027-06-30             # optional
 * </pre>
 *
 * Every problem is reported at once, one line each: {@code FILE:LINE: code.KEY: what is wrong, expected …}.
 */
public final class CodeConfigFile {
    /** In the order problems list them. */
    private static final List<String> KEYS = List.of(
            "cryptoPackages",
            "enableRules",
            "ignore",
            "persistencePackages",
            "processPackages",
            "rules",
            "securityPackages",
            "skipRules",
            "webPackages");

    private static final List<String> IGNORE_KEYS = List.of("rule", "class", "reason", "expires");

    private CodeConfigFile() {}

    /** Thrown with every problem of the file, one line each. */
    public static final class CodeConfigException extends Exception {
        private static final long serialVersionUID = 1L;
        private final List<String> problems;

        CodeConfigException(List<String> problems) {
            super(String.join("\n", problems), null, false, false);
            this.problems = List.copyOf(problems);
        }

        /** One {@code file:line: key: what is wrong} line each. */
        public List<String> problems() {
            return problems;
        }
    }

    /**
     * Reads {@code file}'s {@code code:} section; no section is {@link CodeConfig#DEFAULT}.
     *
     * @param label the file name used in problems, as the user wrote it
     * @throws CodeConfigException listing every problem, including an unreadable file
     */
    public static CodeConfig load(Path file, String label) throws CodeConfigException {
        Node root;
        try {
            root = ConfigYaml.compose(file);
            if (root == null) {
                return CodeConfig.DEFAULT;
            }
        } catch (IOException e) {
            throw new CodeConfigException(List.of(label + ": cannot read: " + e.getMessage()));
        } catch (YamlEngineException e) {
            throw new CodeConfigException(List.of(label + ": not valid YAML: " + firstLine(e.getMessage())));
        }
        Node section = get(root, "code");
        if (section == null) {
            return CodeConfig.DEFAULT;
        }
        List<String> problems = new ArrayList<>();
        if (!(section instanceof MappingNode sec)) {
            throw new CodeConfigException(List.of(where(label, section) + ": code: expected a map of settings"));
        }
        ConfigYaml.unknownKeys(label, sec, "code.", KEYS, problems);
        List<String> rules = ruleIds(label, sec, "rules", problems);
        List<String> enable = ruleIds(label, sec, "enableRules", problems);
        List<String> skip = ruleIds(label, sec, "skipRules", problems);
        Conventions d = Conventions.DEFAULT;
        Conventions conventions = new Conventions(
                strings(label, sec, "cryptoPackages", d.cryptoPackages(), problems),
                strings(label, sec, "securityPackages", d.securityPackages(), problems),
                strings(label, sec, "processPackages", d.processPackages(), problems),
                strings(label, sec, "persistencePackages", d.persistencePackages(), problems),
                strings(label, sec, "webPackages", d.webPackages(), problems));
        List<CodeConfig.Ignore> ignores = ignores(label, get(sec, "ignore"), problems);
        if (!problems.isEmpty()) {
            throw new CodeConfigException(problems);
        }
        return new CodeConfig(rules, enable, skip, conventions, ignores);
    }

    private static List<String> ruleIds(String label, MappingNode sec, String key, List<String> problems) {
        List<String> ids = strings(label, sec, key, List.of(), problems);
        Node list = get(sec, key);
        if (list instanceof SequenceNode s) {
            for (int i = 0; i < ids.size(); i++) {
                if (!CodeConfig.knownIds().contains(ids.get(i))) {
                    problems.add(where(label, s.getValue().get(i)) + ": code." + key + "[" + i + "]: unknown rule id '"
                            + ids.get(i) + "', expected " + CodeConfig.idRange());
                }
            }
        }
        return ids;
    }

    private static List<String> strings(
            String label, MappingNode sec, String key, List<String> fallback, List<String> problems) {
        Node n = get(sec, key);
        if (n == null) {
            return fallback;
        }
        if (!(n instanceof SequenceNode s) || !s.getValue().stream().allMatch(v -> scalar(v) != null)) {
            problems.add(where(label, n) + ": code." + key + ": expected a list of strings");
            return fallback;
        }
        return s.getValue().stream().map(ConfigYaml::scalar).toList();
    }

    private static List<CodeConfig.Ignore> ignores(String label, Node v, List<String> problems) {
        List<CodeConfig.Ignore> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (!(v instanceof SequenceNode s)) {
            problems.add(where(label, v) + ": code.ignore: expected a list of entries with rule and reason");
            return out;
        }
        for (int i = 0; i < s.getValue().size(); i++) {
            Node item = s.getValue().get(i);
            String key = "code.ignore[" + i + "]";
            if (!(item instanceof MappingNode m)) {
                problems.add(where(label, item) + ": " + key + ": expected a map with rule and reason");
                continue;
            }
            ConfigYaml.unknownKeys(label, m, key + ".", IGNORE_KEYS, problems);
            String rule = scalar(get(m, "rule"));
            String target = scalar(get(m, "class"));
            String reason = scalar(get(m, "reason"));
            int before = problems.size();
            if (rule == null || !CodeConfig.knownIds().contains(rule)) {
                problems.add(where(label, item) + ": " + key + ".rule: "
                        + (rule == null ? "missing" : "unknown rule id '" + rule + "'") + ", expected "
                        + CodeConfig.idRange());
            }
            if (reason == null || reason.isBlank()) {
                problems.add(
                        where(label, item) + ": " + key + ".reason: missing, expected why the finding is accepted");
            }
            LocalDate exp = ConfigYaml.date(label, m, "expires", key + ".", problems);
            if (problems.size() == before) {
                out.add(new CodeConfig.Ignore(
                        rule, target == null ? "" : target.strip(), reason.strip(), exp, where(label, item)));
            }
        }
        return out;
    }
}
