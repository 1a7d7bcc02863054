package dev.vigil.policy.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.policy.Exemption;
import dev.vigil.policy.PolicyConfig;
import dev.vigil.policy.Profiles;
import dev.vigil.policy.PssVersion;
import dev.vigil.policy.Severity;
import dev.vigil.policy.internal.PositionTree;
import dev.vigil.policy.internal.YamlComposer;
import dev.vigil.policy.rules.BuiltInRules;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads Vigil's configuration file, {@code .vigil.yaml}, into a {@link PolicyConfig.Builder}. Every front end
 * reads the same format; the admission webhook adds its own top-level keys ({@link #parse(String, String, Set)}).
 *
 * <pre>{@code
 * profiles: [recommended]            # default: recommended
 * pssVersion: v1.30                  # default: latest
 * rules:
 *   pss-privileged: error            # off | on | error | warning | info, or {enabled: …, severity: …}
 *   some-rule: off
 * exemptions:
 *   - rules: [pss-host-path-volumes] # optional; default every rule
 *     kind: DaemonSet                # kind, namespace, name, container: at least one key of these five
 *     namespace: monitoring
 *     name: node-exporter
 *     container: exporter
 *     reason: reads /proc of the node   # required
 *     expires: 2027-06-30            # optional, YYYY-MM-DD; expired exemptions stop applying
 * nonWaivable: [pss-privileged]      # no annotation can suppress these
 * customRules: []                    # CEL / JSON Schema rules (see CustomRuleParser)
 * ruleFiles: [policies/team.yaml, policies/shared/]   # more customRules, from files or directories of *.yaml
 * }</pre>
 *
 * <p>A rule file (or each {@code *.yaml} of a rule directory, not recursive) holds one {@code customRules:} list
 * in the same shape, so a platform team can share one file between repositories; its paths are relative to the
 * configuration file, and its problems name the rule file and line.
 *
 * <p>Everything is validated when the file is read and every problem is reported at once, each as
 * {@code file:line: key: what is wrong, expected …} ({@link ConfigException}). Unknown top-level keys are errors,
 * except the ones a front end reserves for itself.
 */
public final class ConfigFile {
    /** The file {@code vigil lint} reads from the working directory when no {@code --config} is given. */
    public static final String DEFAULT_NAME = ".vigil.yaml";

    /** The top-level keys of the shared format, in documentation order. */
    public static final List<String> KEYS = List.of(
            "profiles", "pssVersion", "rules", "exemptions", "nonWaivable", CustomRulesSection.KEY, "ruleFiles");

    private static final YamlComposer.Limits LIMITS = new YamlComposer.Limits(1 << 20, 40, 64 * 1024, 100_000);
    private static final Set<String> EXEMPTION_KEYS =
            Set.of("rules", "kind", "namespace", "name", "container", "reason", "expires");

    private ConfigFile() {}

    /**
     * Reads {@code file} (no front-end keys).
     *
     * @throws ConfigException listing every problem, including an unreadable file
     */
    public static PolicyConfig.Builder load(Path file) throws ConfigException {
        return load(file, Set.of()).builder();
    }

    /**
     * Reads {@code file}, accepting the extra top-level keys a front end reserves (returned unvalidated in
     * {@link Loaded#sections()}).
     *
     * @throws ConfigException listing every problem
     */
    public static Loaded load(Path file, Set<String> frontEndKeys) throws ConfigException {
        String label = file.toString();
        byte[] bytes;
        try {
            if (Files.size(file) > LIMITS.maxFileBytes()) {
                throw single(label, "larger than 1 MiB, expected a small YAML file");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw single(label, "no such file");
        } catch (IOException e) {
            throw single(label, "cannot read: " + e.getMessage());
        }
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw single(label, "not UTF-8 text, expected a YAML file");
        }
        return parse(text, label, frontEndKeys);
    }

    /**
     * Parses configuration text.
     *
     * @param label the file name used in problems
     * @param frontEndKeys extra top-level keys the calling front end handles itself
     * @throws ConfigException listing every problem
     */
    public static Loaded parse(String text, String label, Set<String> frontEndKeys) throws ConfigException {
        List<YamlComposer.Document> docs = new ArrayList<>();
        try {
            new YamlComposer(LIMITS).compose(text, label, docs::add);
        } catch (YamlComposer.ComposeException e) {
            throw new ConfigException(List.of(new ConfigProblem(label, e.line(), "", e.getMessage())));
        }
        docs.removeIf(d -> d.root() == null);
        if (docs.size() > 1) {
            throw single(label, "holds " + docs.size() + " YAML documents, expected one");
        }
        Reader r = new Reader(label, frontEndKeys);
        if (docs.isEmpty()) {
            return r.finish();
        }
        YamlComposer.Document doc = docs.get(0);
        r.read(doc.root(), doc.positions());
        return r.finish();
    }

    private static ConfigException single(String label, String message) {
        return new ConfigException(List.of(new ConfigProblem(label, 0, "", message)));
    }

    /**
     * A configuration file that was read without problems.
     *
     * @param builder the policy configuration it describes (add command-line overrides, then build)
     * @param sections the front-end keys present, by name, with their values
     * @param lines the line of each front-end key's value path (for the front end's own problems), see
     *     {@link #line(String)}
     */
    public record Loaded(PolicyConfig.Builder builder, Map<String, JsonNode> sections, Lines lines) {
        /** The line of {@code path} (e.g. {@code enforce.namespaces[2]}), or of its nearest existing ancestor. */
        public int line(String path) {
            return lines.line(path);
        }
    }

    /** Where keys are in the file. */
    public interface Lines {
        /** The 1-based line of the key at {@code path}, or of its nearest existing ancestor (0 when unknown). */
        int line(String path);
    }

    /** Reads one document, collecting every problem. */
    private static final class Reader {
        private final String label;
        private final Set<String> frontEndKeys;
        private final List<ConfigProblem> problems = new ArrayList<>();
        private final PolicyConfig.Builder builder = PolicyConfig.builder();
        private final Map<String, JsonNode> sections = new LinkedHashMap<>();
        private final Set<String> ruleIds = new TreeSet<>();
        private PositionTree positions;

        Reader(String label, Set<String> frontEndKeys) {
            this.label = label;
            this.frontEndKeys = Set.copyOf(frontEndKeys);
            BuiltInRules.all().forEach(r -> ruleIds.add(r.metadata().id()));
        }

        void read(JsonNode root, PositionTree positions) {
            this.positions = positions;
            if (!root.isObject()) {
                problem("", "the file is a " + type(root) + ", expected a mapping of settings");
                return;
            }
            // custom rules first: their ids are valid in rules/exemptions/nonWaivable
            if (root.has(CustomRulesSection.KEY)) {
                CustomRulesSection.read(
                                root.get(CustomRulesSection.KEY), CustomRulesSection.KEY, this::problem, ruleIds)
                        .forEach(builder::customRule);
            }
            if (root.has("ruleFiles")) {
                ruleFiles(root.get("ruleFiles"));
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = e.getKey();
                JsonNode value = e.getValue();
                switch (key) {
                    case "profiles" -> profiles(value);
                    case "pssVersion" -> pssVersion(value);
                    case "rules" -> rules(value);
                    case "exemptions" -> exemptions(value);
                    case "nonWaivable" -> {
                        for (String id : ruleList(value, "nonWaivable")) {
                            builder.nonWaivable(id);
                        }
                    }
                    case CustomRulesSection.KEY, "ruleFiles" -> {}
                    // vigil scan's section (VulnConfig reads it) and the code rules' (CodeConfigFile in
                    // vigil-code-rules reads it): checked by the schema here
                    case "vulnerabilities", "code" -> problems.addAll(ConfigSchema.check(root, positions, label, key));
                    default -> {
                        if (frontEndKeys.contains(key)) {
                            sections.put(key, value);
                        } else {
                            List<String> expected = new ArrayList<>(KEYS);
                            expected.addAll(new TreeSet<>(frontEndKeys));
                            problem(
                                    key,
                                    "unknown key" + suggestion(key, expected) + ", expected one of "
                                            + String.join(", ", expected));
                        }
                    }
                }
            }
        }

        Loaded finish() throws ConfigException {
            if (!problems.isEmpty()) {
                throw new ConfigException(problems);
            }
            PositionTree tree = positions;
            return new Loaded(
                    builder,
                    Map.copyOf(sections),
                    path -> tree == null ? 0 : tree.find(path).line());
        }

        private void ruleFiles(JsonNode value) {
            List<JsonNode> entries = new ArrayList<>();
            if (value.isTextual()) {
                entries.add(value);
            } else if (value.isArray()) {
                value.forEach(entries::add);
            } else {
                problem("ruleFiles", "is " + describe(value) + ", expected a list of rule files or directories");
                return;
            }
            Path base = Path.of(label).toAbsolutePath().getParent();
            for (int i = 0; i < entries.size(); i++) {
                String key = value.isArray() ? "ruleFiles[" + i + "]" : "ruleFiles";
                JsonNode entry = entries.get(i);
                if (!entry.isTextual() || entry.asText().isBlank()) {
                    problem(key, "is " + describe(entry) + ", expected a path");
                    continue;
                }
                Path target = base.resolve(entry.asText()).normalize();
                List<Path> files = new ArrayList<>();
                if (Files.isDirectory(target)) {
                    try (java.util.stream.Stream<Path> list = Files.list(target)) {
                        list.filter(f -> f.toString().endsWith(".yaml")
                                        || f.toString().endsWith(".yml"))
                                .filter(Files::isRegularFile)
                                .sorted()
                                .forEach(files::add);
                    } catch (IOException e) {
                        problem(key, "cannot list '" + entry.asText() + "': " + e.getMessage());
                        continue;
                    }
                } else if (Files.isRegularFile(target)) {
                    files.add(target);
                } else {
                    problem(
                            key,
                            "'" + entry.asText() + "' is no file or directory (paths are relative to " + label + ")");
                    continue;
                }
                for (Path f : files) {
                    ruleFile(f, displayed(f));
                }
            }
        }

        /** A rule file as the user would name it: relative to the working directory when below it. */
        private static String displayed(Path file) {
            Path cwd = Path.of("").toAbsolutePath();
            return file.startsWith(cwd) ? cwd.relativize(file).toString() : file.toString();
        }

        private void ruleFile(Path file, String fileLabel) {
            String text;
            try {
                if (Files.size(file) > LIMITS.maxFileBytes()) {
                    problems.add(new ConfigProblem(fileLabel, 0, "", "larger than 1 MiB, expected a small YAML file"));
                    return;
                }
                text = StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                        .toString();
            } catch (CharacterCodingException e) {
                problems.add(new ConfigProblem(fileLabel, 0, "", "not UTF-8 text, expected a YAML file"));
                return;
            } catch (IOException e) {
                problems.add(new ConfigProblem(fileLabel, 0, "", "cannot read: " + e.getMessage()));
                return;
            }
            List<YamlComposer.Document> docs = new ArrayList<>();
            try {
                new YamlComposer(LIMITS).compose(text, fileLabel, docs::add);
            } catch (YamlComposer.ComposeException e) {
                problems.add(new ConfigProblem(fileLabel, e.line(), "", e.getMessage()));
                return;
            }
            docs.removeIf(d -> d.root() == null);
            if (docs.size() != 1) {
                problems.add(new ConfigProblem(
                        fileLabel, 0, "", "holds " + docs.size() + " YAML documents, expected one with customRules:"));
                return;
            }
            JsonNode root = docs.get(0).root();
            PositionTree tree = docs.get(0).positions();
            CustomRulesSection.Problems inFile = (key, message) ->
                    problems.add(new ConfigProblem(fileLabel, tree.find(key).line(), key, message));
            if (!root.isObject() || !root.has(CustomRulesSection.KEY)) {
                inFile.add("", "a rule file holds a customRules: list (the shape of .vigil.yaml's customRules)");
                return;
            }
            for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!name.equals(CustomRulesSection.KEY)) {
                    inFile.add(name, "unknown key in a rule file, expected only customRules");
                }
            }
            CustomRulesSection.read(root.get(CustomRulesSection.KEY), CustomRulesSection.KEY, inFile, ruleIds)
                    .forEach(builder::customRule);
        }

        private void profiles(JsonNode value) {
            List<String> names = new ArrayList<>();
            if (value.isTextual()) {
                names.add(value.asText());
            } else if (value.isArray() && !value.isEmpty()) {
                for (int i = 0; i < value.size(); i++) {
                    JsonNode p = value.get(i);
                    if (!p.isTextual()) {
                        problem("profiles[" + i + "]", "is a " + type(p) + ", expected a profile name");
                    } else if (!Profiles.names().contains(p.asText())) {
                        problem("profiles[" + i + "]", unknownProfile(p.asText()));
                    } else {
                        names.add(p.asText());
                    }
                }
                builder.profiles(names);
                return;
            } else {
                problem(
                        "profiles",
                        "is " + describe(value) + ", expected a list of profile names ("
                                + String.join(", ", Profiles.names()) + ")");
                return;
            }
            if (!Profiles.names().contains(names.get(0))) {
                problem("profiles", unknownProfile(names.get(0)));
            } else {
                builder.profiles(names);
            }
        }

        private static String unknownProfile(String name) {
            return "unknown profile '" + name + "'" + suggestion(name, Profiles.names()) + ", expected one of "
                    + String.join(", ", Profiles.names());
        }

        private void pssVersion(JsonNode value) {
            String text = value.isTextual() ? value.asText() : value.isNumber() ? "v" + value.asText() : null;
            if (text == null) {
                problem(
                        "pssVersion",
                        "is " + describe(value) + ", expected latest or v1.0 … v1." + PssVersion.LATEST_MINOR);
                return;
            }
            try {
                PssVersion v = PssVersion.parse(text);
                if (!v.isLatest() && v.compareTo(PssVersion.v1(PssVersion.LATEST_MINOR)) > 0) {
                    problem(
                            "pssVersion",
                            "'" + text + "' is newer than this release knows, expected latest or v1.0 … v1."
                                    + PssVersion.LATEST_MINOR);
                } else {
                    builder.pssVersion(v);
                }
            } catch (IllegalArgumentException e) {
                problem(
                        "pssVersion",
                        "'" + value.asText() + "' is not a PSS version, expected latest or v1.0 … v1."
                                + PssVersion.LATEST_MINOR);
            }
        }

        private void rules(JsonNode value) {
            if (!value.isObject()) {
                problem(
                        "rules",
                        "is " + describe(value) + ", expected a mapping of rule id to off, on, error, warning or info");
                return;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String id = e.getKey();
                String key = "rules." + id;
                if (!ruleIds.contains(id)) {
                    problem(key, unknownRule(id));
                    continue;
                }
                JsonNode v = e.getValue();
                if (v.isObject()) {
                    ruleSettings(id, key, v);
                } else {
                    ruleShorthand(id, key, v);
                }
            }
        }

        private void ruleShorthand(String id, String key, JsonNode v) {
            String s = v.isBoolean() ? (v.asBoolean() ? "on" : "off") : v.isTextual() ? v.asText() : null;
            if ("off".equals(s)) {
                builder.disableRule(id);
            } else if ("on".equals(s)) {
                builder.enableRule(id);
            } else if (s != null && severity(s) != null) {
                builder.severity(id, severity(s));
            } else {
                problem(
                        key,
                        "is " + describe(v) + ", expected off, on, error, warning, info or {enabled: …, severity: …}");
            }
        }

        private void ruleSettings(String id, String key, JsonNode v) {
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String k = key + "." + e.getKey();
                JsonNode x = e.getValue();
                switch (e.getKey()) {
                    case "enabled" -> {
                        if (!x.isBoolean()) {
                            problem(k, "is " + describe(x) + ", expected true or false");
                        } else if (x.asBoolean()) {
                            builder.enableRule(id);
                        } else {
                            builder.disableRule(id);
                        }
                    }
                    case "severity" -> {
                        Severity s = x.isTextual() ? severity(x.asText()) : null;
                        if (s == null) {
                            problem(k, "is " + describe(x) + ", expected error, warning or info");
                        } else {
                            builder.severity(id, s);
                        }
                    }
                    default -> problem(k, "unknown key, expected enabled or severity");
                }
            }
        }

        private void exemptions(JsonNode value) {
            if (!value.isArray()) {
                problem("exemptions", "is " + describe(value) + ", expected a list of exemptions");
                return;
            }
            for (int i = 0; i < value.size(); i++) {
                exemption(value.get(i), "exemptions[" + i + "]");
            }
        }

        private void exemption(JsonNode e, String key) {
            if (!e.isObject()) {
                problem(
                        key,
                        "is " + describe(e) + ", expected a mapping with reason and kind, namespace, name, "
                                + "container or rules");
                return;
            }
            int before = problems.size();
            for (Iterator<String> it = e.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!EXEMPTION_KEYS.contains(k)) {
                    problem(
                            key + "." + k,
                            "unknown key" + suggestion(k, EXEMPTION_KEYS) + ", expected one of "
                                    + "rules, kind, namespace, name, container, reason, expires");
                }
            }
            Set<String> rules =
                    new LinkedHashSet<>(e.has("rules") ? ruleList(e.get("rules"), key + ".rules") : List.of());
            String kind = text(e, "kind", key);
            String namespace = text(e, "namespace", key);
            String name = text(e, "name", key);
            String container = text(e, "container", key);
            JsonNode reasonNode = e.get("reason");
            String reason = null;
            if (reasonNode == null) {
                problem(key, "has no reason, expected a reason saying why the exemption is needed");
            } else if (reasonNode.isNull()
                    || reasonNode.isTextual() && reasonNode.asText().isBlank()) {
                problem(key + ".reason", "is empty, expected a reason saying why the exemption is needed");
            } else {
                reason = text(e, "reason", key);
            }
            LocalDate expires = null;
            if (e.has("expires")) {
                JsonNode x = e.get("expires");
                try {
                    expires = LocalDate.parse(x.asText());
                } catch (DateTimeParseException ex) {
                    problem(key + ".expires", "'" + x.asText() + "' is not a date, expected YYYY-MM-DD");
                }
            }
            if (!e.has("rules") && kind == null && namespace == null && name == null && container == null) {
                problem(
                        key,
                        "exempts every object from every rule, expected at least one of rules, kind, "
                                + "namespace, name, container");
            }
            if (problems.size() == before) {
                builder.exemption(new Exemption(rules, kind, namespace, name, container, reason.strip(), expires));
            }
        }

        private String text(JsonNode e, String field, String key) {
            JsonNode x = e.get(field);
            if (x == null || x.isNull()) {
                return null;
            }
            if (!x.isTextual() || x.asText().isBlank()) {
                problem(key + "." + field, "is " + describe(x) + ", expected a non-empty string");
                return null;
            }
            return x.asText();
        }

        private List<String> ruleList(JsonNode value, String key) {
            List<String> out = new ArrayList<>();
            if (value.isTextual()) {
                if (ruleIds.contains(value.asText())) {
                    out.add(value.asText());
                } else {
                    problem(key, unknownRule(value.asText()));
                }
                return out;
            }
            if (!value.isArray()) {
                problem(key, "is " + describe(value) + ", expected a list of rule ids");
                return out;
            }
            for (int i = 0; i < value.size(); i++) {
                JsonNode id = value.get(i);
                String k = key + "[" + i + "]";
                if (!id.isTextual()) {
                    problem(k, "is " + describe(id) + ", expected a rule id");
                } else if (!ruleIds.contains(id.asText())) {
                    problem(k, unknownRule(id.asText()));
                } else {
                    out.add(id.asText());
                }
            }
            return out;
        }

        private String unknownRule(String id) {
            return "unknown rule '" + id + "'" + suggestion(id, ruleIds)
                    + ", expected a rule id (see vigil lint --list-rules)";
        }

        void problem(String key, String message) {
            int line = positions == null ? 0 : positions.find(key).line();
            problems.add(new ConfigProblem(label, line, key, message));
        }
    }

    private static Severity severity(String s) {
        for (Severity v : Severity.values()) {
            if (v.id().equals(s)) {
                return v;
            }
        }
        return null;
    }

    static String describe(JsonNode v) {
        if (v.isTextual()) {
            return "'" + v.asText() + "'";
        }
        if (v.isNull()) {
            return "empty";
        }
        if (v.isValueNode()) {
            return v.asText();
        }
        return "a " + type(v);
    }

    static String type(JsonNode v) {
        return v.isObject()
                ? "mapping"
                : v.isArray()
                        ? "list"
                        : v.isTextual()
                                ? "string"
                                : v.isNull() ? "null" : v.isBoolean() ? "boolean" : v.isNumber() ? "number" : "value";
    }

    /** {@code ", did you mean 'x'?"} when a known name is close to {@code name}. */
    static String suggestion(String name, java.util.Collection<String> known) {
        return dev.vigil.config.Suggestions.closest(name, known)
                .map(best -> " (did you mean '" + best + "'?)")
                .orElse("");
    }
}
