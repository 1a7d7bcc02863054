package dev.vigil.archrules.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.archrules.SecurityRule;
import dev.vigil.config.SarifUris;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SARIF 2.1.0 for the code rules ({@code vigil:arch}, {@code vigil code}), shaped like the lint SARIF (same driver,
 * {@code %SRCROOT%} base, fingerprint key) and as GitHub code scanning wants it: every rule with full description,
 * help text and Markdown, help URI, {@code security-severity}, precision and CWE and OWASP tags; repository-relative
 * URIs ({@link SarifUris}, as every Vigil SARIF writer); data-flow paths as {@code codeFlows}; suppressions with
 * justifications.
 */
public final class CodeSarif {
    public static final String SRCROOT = "%SRCROOT%";
    public static final String FINGERPRINT_KEY = "vigilFindingHash/v1";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CodeSarif() {}

    public static String render(String toolVersion, Path root, List<SecurityRule> rules, List<Issue> issues)
            throws com.fasterxml.jackson.core.JsonProcessingException {
        ObjectNode log = MAPPER.createObjectNode();
        log.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        log.put("version", "2.1.0");
        ObjectNode run = log.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "Vigil");
        driver.put("version", toolVersion);
        driver.put("informationUri", "https://github.com/vigil-dev/vigil");
        ArrayNode ruleArray = driver.putArray("rules");
        Map<String, Integer> index = new HashMap<>();
        for (SecurityRule r : rules) {
            index.put(r.id(), ruleArray.size());
            ruleArray.add(rule(r));
        }
        Path base = root.toAbsolutePath().normalize();
        run.putObject("originalUriBaseIds").putObject(SRCROOT).put("uri", SarifUris.directoryUri(base));
        run.putArray("invocations").addObject().put("executionSuccessful", true);
        ArrayNode results = run.putArray("results");
        for (Issue i : issues) {
            results.add(result(i, index.get(i.ruleId()), base));
        }
        run.put("columnKind", "unicodeCodePoints");
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(log) + "\n";
    }

    private static ObjectNode rule(SecurityRule r) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", r.id());
        n.put("name", pascal(r.name()));
        n.putObject("shortDescription").put("text", r.title() + ".");
        n.putObject("fullDescription").put("text", r.description());
        ObjectNode help = n.putObject("help");
        help.put("text", r.helpText());
        help.put("markdown", r.helpMarkdown());
        n.put("helpUri", r.helpUri());
        n.putObject("defaultConfiguration").put("level", r.level().id());
        ObjectNode props = n.putObject("properties");
        props.put("security-severity", r.securitySeverityText());
        props.put("precision", r.precision().name().toLowerCase(java.util.Locale.ROOT));
        ArrayNode tags = props.putArray("tags");
        tags.add("security");
        tags.add("external/cwe/cwe-" + r.cwe());
        if (!r.owaspTag().isEmpty()) {
            tags.add(r.owaspTag());
        }
        return n;
    }

    private static ObjectNode result(Issue i, Integer ruleIndex, Path base) {
        ObjectNode r = MAPPER.createObjectNode();
        r.put("ruleId", i.ruleId());
        if (ruleIndex != null) {
            r.put("ruleIndex", ruleIndex);
        }
        r.put("level", i.level());
        r.putObject("message").put("text", i.message() + ".");
        ObjectNode location = r.putArray("locations").addObject();
        ObjectNode physical = location.putObject("physicalLocation");
        artifact(physical.putObject("artifactLocation"), i.file(), base);
        // class-level findings (annotations, constants) have no line: point at the file's start
        physical.putObject("region").put("startLine", Math.max(1, i.line()));
        location.putArray("logicalLocations")
                .addObject()
                .put("fullyQualifiedName", i.subject())
                .put("kind", "member");
        if (!i.path().isEmpty()) {
            ArrayNode steps = r.putArray("codeFlows")
                    .addObject()
                    .putArray("threadFlows")
                    .addObject()
                    .putArray("locations");
            for (Issue.PathStep step : i.path()) {
                ObjectNode loc = steps.addObject().putObject("location");
                ObjectNode phys = loc.putObject("physicalLocation");
                artifact(phys.putObject("artifactLocation"), step.file(), base);
                phys.putObject("region").put("startLine", Math.max(1, step.line()));
                loc.putObject("message").put("text", step.message());
            }
        }
        r.putObject("partialFingerprints").put(FINGERPRINT_KEY, i.fingerprint());
        if (i.suppressed()) {
            ObjectNode s = r.putArray("suppressions").addObject();
            boolean external = i.suppression().startsWith(Baseline.SUPPRESSION)
                    || i.suppression().startsWith(CodeConfig.IGNORED);
            s.put("kind", external ? "external" : "inSource");
            s.put("status", "accepted");
            s.put("justification", i.suppression());
        }
        return r;
    }

    /**
     * A repository-relative file as a {@code %SRCROOT%}-relative URI; a file outside the repository (an absolute
     * path) as an absolute {@code file:} URI.
     */
    private static void artifact(ObjectNode artifact, String file, Path base) {
        String relative = Path.of(file).isAbsolute() ? SarifUris.relativeUri(file, base) : SarifUris.encodePath(file);
        if (relative != null) {
            artifact.put("uri", relative);
            artifact.put("uriBaseId", SRCROOT);
        } else {
            artifact.put("uri", SarifUris.absoluteUri(file));
        }
    }

    public static String pascal(String kebab) {
        StringBuilder b = new StringBuilder();
        for (String part : kebab.split("-")) {
            if (!part.isEmpty()) {
                b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return b.toString();
    }
}
