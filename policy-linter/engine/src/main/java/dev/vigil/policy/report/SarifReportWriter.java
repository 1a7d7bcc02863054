package dev.vigil.policy.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.config.SarifUris;
import dev.vigil.policy.Finding;
import dev.vigil.policy.Resource;
import dev.vigil.policy.RuleMetadata;
import dev.vigil.policy.Severity;
import dev.vigil.policy.load.LoadProblem;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SARIF 2.1.0 as GitHub code scanning accepts it: one run, {@code tool.driver} "Vigil" with version and
 * information URI, every rule that ran in {@code rules[]} (id, name, short and full description, help as text and
 * Markdown, help URI, {@code security-severity} and tags), and one result per finding with level, message, the
 * file URI relative to the base directory, the region of the offending field, stable {@code partialFingerprints}
 * (they survive line shifts) and, for suppressed findings, {@code suppressions} with the justification. Inputs
 * that could not be read are {@code toolExecutionNotifications} of the invocation.
 */
public final class SarifReportWriter implements ReportWriter {
    /** The URI base id of every artifact location: the base directory of the {@link LintResult}. */
    public static final String SRCROOT = "%SRCROOT%";

    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    static final String INFORMATION_URI = "https://github.com/vigil-dev/vigil";
    static final String FINGERPRINT_KEY = "vigilFindingHash/v1";
    private static final String EXEMPTION_PREFIX = "exempted in configuration: ";
    private static final Set<String> SECURITY_CATEGORIES = Set.of("pod-security", "security", "rbac", "network");

    @Override
    public void write(LintResult result, Writer out) throws IOException {
        JsonReportWriter.MAPPER.writeValue(out, toJson(result));
        out.write('\n');
        out.flush();
    }

    /** The SARIF log as a JSON tree. */
    public ObjectNode toJson(LintResult result) {
        ObjectNode log = JsonReportWriter.MAPPER.createObjectNode();
        log.put("$schema", SCHEMA);
        log.put("version", "2.1.0");
        ObjectNode run = log.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "Vigil");
        driver.put("version", result.toolVersion());
        driver.put("informationUri", INFORMATION_URI);
        Map<String, Integer> ruleIndex = new HashMap<>();
        ArrayNode rules = driver.putArray("rules");
        for (RuleMetadata m : result.rules()) {
            ruleIndex.put(m.id(), rules.size());
            rules.add(rule(m));
        }
        run.putObject("originalUriBaseIds")
                .putObject(SRCROOT)
                .put("uri", result.baseDirectory().toUri().toString());
        ObjectNode invocation = run.putArray("invocations").addObject();
        invocation.put("executionSuccessful", result.problems().isEmpty());
        if (!result.problems().isEmpty()) {
            ArrayNode notifications = invocation.putArray("toolExecutionNotifications");
            for (LoadProblem p : result.problems()) {
                notifications.add(notification(p, result.baseDirectory()));
            }
        }
        ArrayNode results = run.putArray("results");
        for (Finding f : result.findings()) {
            results.add(result(f, ruleIndex.get(f.ruleId()), result.baseDirectory()));
        }
        run.put("columnKind", "unicodeCodePoints");
        return log;
    }

    private static ObjectNode rule(RuleMetadata m) {
        ObjectNode r = JsonReportWriter.MAPPER.createObjectNode();
        r.put("id", m.id());
        r.put("name", pascalCase(m.id()));
        r.putObject("shortDescription").put("text", sentence(m.title()));
        r.putObject("fullDescription").put("text", sentence(m.description()));
        ObjectNode help = r.putObject("help");
        help.put("text", sentence(m.description()) + " " + m.remediation());
        help.put("markdown", RuleDocs.helpMarkdown(m));
        r.put("helpUri", m.helpUri());
        r.putObject("defaultConfiguration").put("level", level(m.severity()));
        ObjectNode props = r.putObject("properties");
        props.put("security-severity", securitySeverity(m.severity()));
        props.put("precision", "high");
        ArrayNode tags = props.putArray("tags");
        for (String t : tags(m)) {
            tags.add(t);
        }
        return r;
    }

    private static ObjectNode result(Finding f, Integer index, Path base) {
        ObjectNode r = JsonReportWriter.MAPPER.createObjectNode();
        r.put("ruleId", f.ruleId());
        if (index != null) {
            r.put("ruleIndex", index);
        }
        r.put("level", level(f.severity()));
        String note = f.resource().positionNote(f.path());
        r.putObject("message")
                .put(
                        "text",
                        sentence(f.message()) + " " + f.remediation()
                                + (note == null ? "" : " Position: " + note + "."));
        ObjectNode location = r.putArray("locations").addObject();
        location.set(
                "physicalLocation",
                physicalLocation(
                        f.position().file(), f.position().line(), f.position().column(), base));
        Resource res = f.resource();
        location.putArray("logicalLocations")
                .addObject()
                .put("fullyQualifiedName", res.displayName() + "." + f.path())
                .put("kind", "object");
        r.putObject("partialFingerprints").put(FINGERPRINT_KEY, fingerprint(f, base));
        if (f.pss() != null) {
            // the Pod Security Standards level the object was checked at and why (a property bag: SARIF §3.8)
            ObjectNode props = r.putObject("properties");
            props.put("pssLevel", f.pss().level());
            props.put("pssVersion", f.pss().version().toString());
            props.put("pssReason", f.pss().reason());
        }
        if (f.suppressed()) {
            ObjectNode s = r.putArray("suppressions").addObject();
            boolean external = f.suppression().startsWith(EXEMPTION_PREFIX);
            s.put("kind", external ? "external" : "inSource");
            s.put("status", "accepted");
            s.put("justification", external ? f.suppression().substring(EXEMPTION_PREFIX.length()) : f.suppression());
        }
        return r;
    }

    private static ObjectNode notification(LoadProblem p, Path base) {
        ObjectNode n = JsonReportWriter.MAPPER.createObjectNode();
        n.put("level", "error");
        n.putObject("message").put("text", sentence(p.message()));
        n.putArray("locations")
                .addObject()
                .set("physicalLocation", physicalLocation(p.file(), p.line(), p.column(), base));
        return n;
    }

    private static ObjectNode physicalLocation(String file, int line, int column, Path base) {
        ObjectNode physical = JsonReportWriter.MAPPER.createObjectNode();
        ObjectNode artifact = physical.putObject("artifactLocation");
        String relative = relativeUri(file, base);
        if (relative != null) {
            artifact.put("uri", relative);
            artifact.put("uriBaseId", SRCROOT);
        } else {
            artifact.put("uri", absoluteUri(file));
        }
        ObjectNode region = physical.putObject("region");
        region.put("startLine", Math.max(1, line));
        if (column > 0) {
            region.put("startColumn", column);
        }
        return physical;
    }

    /** The file as a URI relative to {@code base}, or null when it lies outside it (shared: {@link SarifUris}). */
    static String relativeUri(String file, Path base) {
        return SarifUris.relativeUri(file, base);
    }

    private static String absoluteUri(String file) {
        return SarifUris.absoluteUri(file);
    }

    /** Same rule, file, object and field → same fingerprint, whatever the line. */
    static String fingerprint(Finding f, Path base) {
        String file = relativeUri(f.position().file(), base);
        Resource r = f.resource();
        String key = String.join(
                "\u0000",
                f.ruleId(),
                file == null ? f.position().file() : file,
                r.apiVersion(),
                r.kind(),
                r.namespace(),
                r.name(),
                f.path());
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    static String level(Severity s) {
        return switch (s) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "note";
        };
    }

    /** GitHub: over 9.0 critical, 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low. */
    static String securitySeverity(Severity s) {
        return switch (s) {
            case ERROR -> "8.0";
            case WARNING -> "5.0";
            case INFO -> "2.0";
        };
    }

    static List<String> tags(RuleMetadata m) {
        Set<String> tags = new LinkedHashSet<>();
        boolean security = SECURITY_CATEGORIES.contains(m.category())
                || m.profiles().stream().anyMatch(p -> p.startsWith("pss-"));
        if (security) {
            tags.add("security");
        }
        tags.add(m.category());
        tags.addAll(new java.util.TreeSet<>(m.profiles()));
        return List.copyOf(tags);
    }

    /** {@code pss-privileged} → {@code PssPrivileged}. */
    static String pascalCase(String id) {
        StringBuilder b = new StringBuilder(id.length());
        boolean upper = true;
        for (char c : id.toCharArray()) {
            if (c == '-' || c == '_') {
                upper = true;
            } else {
                b.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return b.toString();
    }

    /** SARIF wants messages that end like sentences. */
    static String sentence(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            return t;
        }
        char last = t.charAt(t.length() - 1);
        return last == '.' || last == '!' || last == '?' ? t : t + ".";
    }
}
