package dev.vigil.policy.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.policy.Profiles;
import dev.vigil.policy.RuleMetadata;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders rule metadata for people: the rule list ({@code --list-rules} as text, JSON or a Markdown table), the
 * generated rule reference ({@code docs/rules.md}), one rule's explanation ({@code --explain}) and the SARIF help
 * text. Everything comes from the rules' own metadata; nothing is retyped.
 */
public final class RuleDocs {
    /** Marks where the generated rule table starts and ends in a Markdown file (the README). */
    public static final String TABLE_BEGIN =
            "<!-- BEGIN GENERATED RULE TABLE: vigil lint --list-rules --format markdown -->";

    public static final String TABLE_END = "<!-- END GENERATED RULE TABLE -->";

    /** The formats of {@code --list-rules}. */
    public enum ListFormat {
        TEXT,
        JSON,
        MARKDOWN;

        /**
         * Parses {@code text}, {@code json} or {@code markdown}.
         *
         * @throws IllegalArgumentException naming the value and the expected ones
         */
        public static ListFormat parse(String name) {
            for (ListFormat f : values()) {
                if (f.name().toLowerCase(Locale.ROOT).equals(name)) {
                    return f;
                }
            }
            throw new IllegalArgumentException(
                    "unknown rule list format '" + name + "'; expected text, json or markdown");
        }
    }

    private RuleDocs() {}

    /** Writes the rule list in {@code format}. */
    public static void writeList(List<RuleMetadata> rules, ListFormat format, Writer out) throws IOException {
        switch (format) {
            case TEXT -> out.write(textList(rules));
            case JSON -> {
                JsonReportWriter.MAPPER.writeValue(out, jsonList(rules));
                out.write('\n');
            }
            case MARKDOWN -> out.write(markdownTable(rules));
        }
        out.flush();
    }

    /** One line per rule: id, severity, profiles, title. */
    public static String textList(List<RuleMetadata> rules) {
        int width = rules.stream().mapToInt(r -> r.id().length()).max().orElse(4);
        StringBuilder b = new StringBuilder();
        for (RuleMetadata r : rules) {
            b.append(String.format(
                    Locale.ROOT,
                    "%-" + width + "s  %-7s  %-28s  %s%n",
                    r.id(),
                    r.severity().id(),
                    String.join(",", profiles(r)),
                    r.title()));
        }
        b.append(rules.size()).append(rules.size() == 1 ? " rule\n" : " rules\n");
        return b.toString();
    }

    /** Every rule's metadata as a JSON array (for tools and migration maps). */
    public static ArrayNode jsonList(List<RuleMetadata> rules) {
        ArrayNode array = JsonReportWriter.MAPPER.createArrayNode();
        for (RuleMetadata r : rules) {
            ObjectNode n = array.addObject();
            n.put("id", r.id());
            n.put("title", r.title());
            n.put("severity", r.severity().id());
            n.put("category", r.category());
            ArrayNode profiles = n.putArray("profiles");
            profiles(r).forEach(profiles::add);
            n.put("description", r.description());
            n.put("remediation", r.remediation());
            n.put("docs", r.docs());
            n.put("helpUri", r.helpUri());
            ArrayNode refs = n.putArray("references");
            r.references().forEach(refs::add);
            ObjectNode peers = n.putObject("peers");
            for (String tool : RuleMetadata.PEER_TOOLS) {
                ArrayNode ids = peers.putArray(tool);
                r.peers().getOrDefault(tool, List.of()).forEach(ids::add);
            }
        }
        return array;
    }

    /** The Markdown rule table (between {@link #TABLE_BEGIN} and {@link #TABLE_END} in the README). */
    public static String markdownTable(List<RuleMetadata> rules) {
        StringBuilder b = new StringBuilder();
        b.append("| Rule | Severity | Profiles | Category | What it checks |\n");
        b.append("|------|----------|----------|----------|----------------|\n");
        for (RuleMetadata r : rules) {
            b.append("| [`")
                    .append(r.id())
                    .append("`](")
                    .append(docsLink(r))
                    .append(") | ")
                    .append(r.severity().id())
                    .append(" | ")
                    .append(cell(String.join(", ", profiles(r))))
                    .append(" | ")
                    .append(cell(r.category()))
                    .append(" | ")
                    .append(cell(r.title()))
                    .append(" |\n");
        }
        return b.toString();
    }

    /** The full rule reference, {@code docs/rules.md}: the table, then one section per rule. */
    public static String docsPage(List<RuleMetadata> rules) {
        StringBuilder b = new StringBuilder();
        b.append("# Vigil rules\n\n");
        b.append("<!-- Generated from each rule's rule.yaml; do not edit by hand. A test (RuleDocsDriftTest in\n");
        b.append("     policy-linter/cli) fails when it drifts; regenerate with\n");
        b.append(
                "     ./mvnw -pl policy-linter/cli -am test -Dtest=RuleDocsDriftTest -Dsurefire.failIfNoSpecifiedTests=false "
                        + "-Dvigil.updateDocs=true -->\n\n");
        b.append(rules.size()).append(" rules. Suppress one on an object with the annotation ");
        b.append("`ignore.vigil.dev/<rule-id>: \"<reason>\"`.\n\n");
        b.append(markdownTable(rules).replace("](../docs/rules.md#", "](#"));
        b.append("\n## Migrating from other tools\n\n");
        b.append(
                "The equivalent checks of other linters, so that their suppressions and CI gates can be carried over.\n\n");
        b.append("| Rule | kube-linter | Polaris | kube-score | Checkov | Trivy |\n");
        b.append("|------|-------------|---------|------------|---------|-------|\n");
        for (RuleMetadata r : rules) {
            b.append("| [`").append(r.id()).append("`](#").append(r.id()).append(')');
            for (String tool : RuleMetadata.PEER_TOOLS) {
                List<String> ids = r.peers().getOrDefault(tool, List.of());
                b.append(" | ").append(ids.isEmpty() ? "—" : cell("`" + String.join("`, `", ids) + "`"));
            }
            b.append(" |\n");
        }
        for (RuleMetadata r : rules) {
            b.append("\n## ").append(r.id()).append("\n\n");
            b.append(helpMarkdown(r)).append('\n');
        }
        return b.toString();
    }

    /** One rule as Markdown: title, facts, description, remediation, docs, references (SARIF help, docs page). */
    public static String helpMarkdown(RuleMetadata r) {
        StringBuilder b = new StringBuilder();
        b.append("**").append(r.title()).append("**\n\n");
        b.append("Severity: ").append(r.severity().id());
        b.append(" · Category: ").append(r.category());
        b.append(" · Profiles: ").append(String.join(", ", profiles(r))).append("\n\n");
        b.append(r.description()).append("\n\n");
        b.append("**Remediation:** ").append(r.remediation()).append('\n');
        if (!r.docs().isBlank()) {
            b.append('\n').append(r.docs()).append('\n');
        }
        if (!r.peers().isEmpty()) {
            b.append("\n**Equivalent checks:** ");
            List<String> parts = new ArrayList<>();
            for (String tool : RuleMetadata.PEER_TOOLS) {
                List<String> ids = r.peers().getOrDefault(tool, List.of());
                if (!ids.isEmpty()) {
                    parts.add(tool + " `" + String.join("`, `", ids) + "`");
                }
            }
            b.append(String.join(" · ", parts)).append('\n');
        }
        if (!r.references().isEmpty()) {
            b.append("\n**References:**\n\n");
            for (String ref : r.references()) {
                b.append("- <").append(ref).append(">\n");
            }
        }
        b.append("\nSuppress on one object: `ignore.vigil.dev/")
                .append(r.id())
                .append(": \"<reason>\"` (an annotation).\n");
        return b.toString();
    }

    /** {@code --explain}: the rule's metadata and docs, then its failing fixtures as examples. */
    public static String explain(RuleMetadata r, List<RuleExamples.Example> examples) {
        StringBuilder b = new StringBuilder();
        b.append(r.id()).append(" — ").append(r.title()).append("\n\n");
        b.append("  severity:    ").append(r.severity().id()).append('\n');
        b.append("  category:    ").append(r.category()).append('\n');
        b.append("  profiles:    ").append(String.join(", ", profiles(r))).append('\n');
        b.append("  docs:        ").append(r.helpUri()).append('\n');
        b.append("  suppress:    metadata.annotations: {ignore.vigil.dev/")
                .append(r.id())
                .append(": \"<reason>\"}\n\n");
        b.append(r.description()).append("\n\n");
        b.append("Remediation: ").append(r.remediation()).append('\n');
        if (!r.docs().isBlank()) {
            b.append('\n').append(r.docs()).append('\n');
        }
        if (!r.references().isEmpty()) {
            b.append("\nReferences:\n");
            r.references().forEach(ref -> b.append("  ").append(ref).append('\n'));
        }
        for (RuleExamples.Example e : examples) {
            b.append("\nExample that fails (")
                    .append(e.name())
                    .append("; '# expect: ")
                    .append(r.id());
            b.append("' marks the offending field):\n\n");
            for (String line : e.text().split("\n", -1)) {
                b.append("    ").append(line).append('\n');
            }
        }
        return b.toString();
    }

    /** The profiles that hold {@code r}, in {@link Profiles#names()} order (unknown names last). */
    static List<String> profiles(RuleMetadata r) {
        List<String> out = new ArrayList<>();
        for (String p : Profiles.names()) {
            if (r.profiles().contains(p)) {
                out.add(p);
            }
        }
        r.profiles().stream().filter(p -> !out.contains(p)).sorted().forEach(out::add);
        return out;
    }

    private static String docsLink(RuleMetadata r) {
        return "../docs/rules.md#" + r.id();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
