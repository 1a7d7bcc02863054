package dev.vigil.metrics.agent.guard.custom;

import dev.vigil.metrics.agent.guard.custom.YamlTree.Entry;
import dev.vigil.metrics.agent.guard.custom.YamlTree.Mapping;
import dev.vigil.metrics.agent.guard.custom.YamlTree.Node;
import dev.vigil.metrics.agent.guard.custom.YamlTree.Scalar;
import dev.vigil.metrics.agent.guard.custom.YamlTree.Sequence;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns the YAML tree of a rules file into rules, collecting every problem with its line and field. */
final class RuleParser {
    static final List<String> RULE_KEYS =
            List.of("rule", "desc", "priority", "condition", "output", "tags", "enabled", "exceptions");
    static final List<String> EXCEPTION_KEYS = List.of("name", "condition");
    /** Falco's priorities, highest first, as Falco prints them. */
    static final List<String> PRIORITIES =
            List.of("Emergency", "Alert", "Critical", "Error", "Warning", "Notice", "Informational", "Debug");

    static final int MAX_ID_CHARS = 200;
    static final int MAX_TEXT_CHARS = 4_000;

    private final String file;
    private final List<CustomRulesException.Problem> problems = new ArrayList<>();

    RuleParser(String file) {
        this.file = file;
    }

    List<CustomRulesException.Problem> problems() {
        return problems;
    }

    List<CustomRule> parse(Node root) {
        List<CustomRule> rules = new ArrayList<>();
        if (root == null || (root instanceof Scalar s && s.isNull())) {
            return rules; // an empty file: no rules
        }
        if (!(root instanceof Sequence list)) {
            problem(root.line(), "(top level)", "is " + root.describe() + ", expected a list of rules (- rule: …)");
            return rules;
        }
        Map<String, Integer> ids = new HashMap<>();
        for (Node item : list.items()) {
            CelRule rule = rule(item, ids);
            if (rule != null) {
                rules.add(rule);
            }
        }
        return rules;
    }

    private CelRule rule(Node item, Map<String, Integer> ids) {
        if (!(item instanceof Mapping m)) {
            problem(item.line(), "(rule)", "is " + item.describe() + ", expected a mapping starting with rule:");
            return null;
        }
        Map<String, Entry> keys = new LinkedHashMap<>();
        for (Entry e : m.entries()) {
            keys.put(e.key().value(), e);
        }
        for (String falco : List.of("macro", "list", "required_engine_version", "required_plugin_versions")) {
            if (keys.containsKey(falco)) {
                problem(
                        keys.get(falco).key().line(),
                        falco,
                        "Falco " + falco
                                + " entries are not supported here, expected only rules (write the condition in CEL)");
                return null;
            }
        }
        int before = problems.size();
        unknownKeys(m, RULE_KEYS, "");
        String id = text(m, keys, "rule", "", true, MAX_ID_CHARS);
        if (id != null) {
            Integer first = ids.putIfAbsent(id, keys.get("rule").value().line());
            if (first != null) {
                problem(
                        keys.get("rule").value().line(),
                        "rule",
                        "duplicate rule id '" + Messages.abbreviate(id) + "' (first defined at line " + first + ")");
            }
        }
        String desc = text(m, keys, "desc", "", true, MAX_TEXT_CHARS);
        String priority = priority(m, keys);
        CelCondition condition = condition(m, keys, "");
        OutputTemplate output = output(m, keys);
        List<String> tags = tags(keys);
        boolean enabled = enabled(keys);
        List<CelRule.Exception> exceptions = exceptions(keys);
        if (problems.size() > before) {
            return null;
        }
        return new CelRule(id, desc, priority, tags, enabled, condition, exceptions, output);
    }

    private void unknownKeys(Mapping m, List<String> known, String prefix) {
        for (Entry e : m.entries()) {
            String key = e.key().value();
            if (!known.contains(key)) {
                String hint = Messages.didYouMean(key, known);
                if (hint.isEmpty() && List.of("fields", "comps", "values").contains(key)) {
                    hint = " (Falco's fields/comps/values exceptions are not supported: write the exception as a"
                            + " CEL condition)";
                }
                problem(
                        e.key().line(),
                        prefix + Messages.abbreviate(key),
                        "unknown key" + hint + ", expected one of " + String.join(", ", known));
            }
        }
    }

    private String text(Mapping m, Map<String, Entry> keys, String key, String prefix, boolean required, int max) {
        Entry e = keys.get(key);
        if (e == null || (e.value() instanceof Scalar s && s.isNull())) {
            if (required) {
                problem(e == null ? m.line() : e.key().line(), prefix + key, "is missing, expected a non-empty text");
            }
            return null;
        }
        if (!(e.value() instanceof Scalar s) || s.value().isBlank()) {
            problem(e.value().line(), prefix + key, "is " + e.value().describe() + ", expected a non-empty text");
            return null;
        }
        String value = s.value().strip();
        if (value.length() > max) {
            problem(s.line(), prefix + key, "has " + value.length() + " characters, at most " + max + " are allowed");
            return null;
        }
        if (key.equals("rule") || key.equals("name")) {
            if (value.chars().anyMatch(Character::isISOControl)) {
                problem(s.line(), prefix + key, "contains a line break or control character, expected one line");
                return null;
            }
        }
        return value;
    }

    private String priority(Mapping m, Map<String, Entry> keys) {
        String value = text(m, keys, "priority", "", true, MAX_ID_CHARS);
        if (value == null) {
            return null;
        }
        String lower = value.toLowerCase(Locale.ROOT);
        for (String p : PRIORITIES) {
            if (p.toLowerCase(Locale.ROOT).equals(lower)) {
                return p;
            }
        }
        if (lower.equals("info")) {
            return "Informational"; // Falco accepts both spellings
        }
        problem(
                keys.get("priority").value().line(),
                "priority",
                "unknown priority '" + Messages.abbreviate(value) + "'" + Messages.didYouMean(value, PRIORITIES)
                        + ", expected one of " + String.join(", ", PRIORITIES));
        return null;
    }

    private CelCondition condition(Mapping m, Map<String, Entry> keys, String prefix) {
        String source = text(m, keys, "condition", prefix, true, Integer.MAX_VALUE);
        if (source == null) {
            return null;
        }
        try {
            return CelCondition.compile(source);
        } catch (IllegalArgumentException e) {
            problem(keys.get("condition").value().line(), prefix + "condition", e.getMessage());
            return null;
        }
    }

    private OutputTemplate output(Mapping m, Map<String, Entry> keys) {
        String template = text(m, keys, "output", "", true, MAX_TEXT_CHARS);
        if (template == null) {
            return null;
        }
        try {
            return OutputTemplate.parse(template);
        } catch (IllegalArgumentException e) {
            problem(keys.get("output").value().line(), "output", e.getMessage());
            return null;
        }
    }

    private List<String> tags(Map<String, Entry> keys) {
        List<String> tags = new ArrayList<>();
        Entry e = keys.get("tags");
        if (e == null || (e.value() instanceof Scalar s && s.isNull())) {
            return tags;
        }
        if (!(e.value() instanceof Sequence seq)) {
            problem(e.value().line(), "tags", "is " + e.value().describe() + ", expected a list such as [network]");
            return tags;
        }
        for (int i = 0; i < seq.items().size(); i++) {
            Node t = seq.items().get(i);
            if (!(t instanceof Scalar s)
                    || s.isNull()
                    || s.value().isBlank()
                    || s.value().length() > MAX_ID_CHARS
                    || s.value().chars().anyMatch(Character::isISOControl)) {
                problem(t.line(), "tags[" + i + "]", "is " + t.describe() + ", expected a one-line tag");
            } else {
                tags.add(s.value().strip());
            }
        }
        return tags;
    }

    private boolean enabled(Map<String, Entry> keys) {
        Entry e = keys.get("enabled");
        if (e == null) {
            return true;
        }
        if (e.value() instanceof Scalar s && s.plain()) {
            String v = s.value().toLowerCase(Locale.ROOT);
            if (v.equals("true") || v.equals("false")) {
                return v.equals("true");
            }
        }
        problem(e.value().line(), "enabled", "is " + e.value().describe() + ", expected true or false");
        return true;
    }

    private List<CelRule.Exception> exceptions(Map<String, Entry> keys) {
        List<CelRule.Exception> out = new ArrayList<>();
        Entry e = keys.get("exceptions");
        if (e == null || (e.value() instanceof Scalar s && s.isNull())) {
            return out;
        }
        if (!(e.value() instanceof Sequence seq)) {
            problem(
                    e.value().line(),
                    "exceptions",
                    "is " + e.value().describe() + ", expected a list of {name, condition}");
            return out;
        }
        Map<String, Integer> names = new HashMap<>();
        for (int i = 0; i < seq.items().size(); i++) {
            Node item = seq.items().get(i);
            String prefix = "exceptions[" + i + "].";
            if (!(item instanceof Mapping m)) {
                problem(item.line(), "exceptions[" + i + "]", "is " + item.describe() + ", expected {name, condition}");
                continue;
            }
            Map<String, Entry> ek = new LinkedHashMap<>();
            for (Entry x : m.entries()) {
                ek.put(x.key().value(), x);
            }
            int before = problems.size();
            unknownKeys(m, EXCEPTION_KEYS, prefix);
            String name = text(m, ek, "name", prefix, true, MAX_ID_CHARS);
            if (name != null) {
                Integer first = names.putIfAbsent(name, ek.get("name").value().line());
                if (first != null) {
                    problem(
                            ek.get("name").value().line(),
                            prefix + "name",
                            "duplicate exception name '" + Messages.abbreviate(name) + "' (first defined at line "
                                    + first + ")");
                }
            }
            CelCondition condition = condition(m, ek, prefix);
            if (problems.size() == before) {
                out.add(new CelRule.Exception(name, condition));
            }
        }
        return out;
    }

    private void problem(int line, String field, String message) {
        problems.add(new CustomRulesException.Problem(file, line, field, message));
    }
}
