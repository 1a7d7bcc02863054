package dev.vigil.maven;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.archrules.SecurityRule;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SARIF 2.1.0 for {@code vigil:arch}, shaped like the lint SARIF (same driver, {@code %SRCROOT%} base, fingerprint
 * key) and as GitHub code scanning wants it: every rule with full description, help text and Markdown, help URI,
 * {@code security-severity}, precision and CWE tags; repository-relative URIs; suppressions with justifications.
 */
final class ArchSarif {
    static final String SRCROOT = "%SRCROOT%";
    static final String FINGERPRINT_KEY = "vigilFindingHash/v1";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ArchSarif() {}

    static String render(String toolVersion, Path root, List<SecurityRule> rules, List<Issue> issues)
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
        run.putObject("originalUriBaseIds").putObject(SRCROOT).put("uri", directoryUri(root));
        run.putArray("invocations").addObject().put("executionSuccessful", true);
        ArrayNode results = run.putArray("results");
        for (Issue i : issues) {
            results.add(result(i, index.get(i.ruleId())));
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

    private static ObjectNode result(Issue i, Integer ruleIndex) {
        ObjectNode r = MAPPER.createObjectNode();
        r.put("ruleId", i.ruleId());
        if (ruleIndex != null) {
            r.put("ruleIndex", ruleIndex);
        }
        r.put("level", i.level());
        r.putObject("message").put("text", i.message() + ".");
        ObjectNode location = r.putArray("locations").addObject();
        ObjectNode physical = location.putObject("physicalLocation");
        ObjectNode artifact = physical.putObject("artifactLocation");
        artifact.put("uri", relativeUri(i.file()));
        artifact.put("uriBaseId", SRCROOT);
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
                ObjectNode art = phys.putObject("artifactLocation");
                art.put("uri", relativeUri(step.file()));
                art.put("uriBaseId", SRCROOT);
                phys.putObject("region").put("startLine", Math.max(1, step.line()));
                loc.putObject("message").put("text", step.message());
            }
        }
        r.putObject("partialFingerprints").put(FINGERPRINT_KEY, i.fingerprint());
        if (i.suppressed()) {
            ObjectNode s = r.putArray("suppressions").addObject();
            boolean baselined = i.suppression().startsWith("baselined: ");
            s.put("kind", baselined ? "external" : "inSource");
            s.put("status", "accepted");
            s.put("justification", i.suppression());
        }
        return r;
    }

    static String directoryUri(Path root) {
        String uri = root.toAbsolutePath().normalize().toUri().toString();
        return uri.endsWith("/") ? uri : uri + "/";
    }

    static String relativeUri(String file) {
        try {
            return new URI(null, null, file, null).toASCIIString();
        } catch (URISyntaxException e) {
            return file;
        }
    }

    static String pascal(String kebab) {
        StringBuilder b = new StringBuilder();
        for (String part : kebab.split("-")) {
            if (!part.isEmpty()) {
                b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return b.toString();
    }
}
