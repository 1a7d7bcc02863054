package dev.vigil.vuln.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.config.SarifUris;
import dev.vigil.vuln.Finding;
import dev.vigil.vuln.ScanResult;
import dev.vigil.vuln.Severity;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SARIF 2.1.0 as GitHub code scanning accepts it: one rule per advisory (short and full description, help as text
 * and Markdown, {@code security-severity}), one result per finding whose message names the package, the version
 * and the fixed version, located at the jar, image archive or SBOM line (relative to the base directory), with
 * stable {@code partialFingerprints} (artifact URIs from {@link SarifUris}, shared with the other SARIF writers); suppressed findings carry {@code suppressions}; unreadable inputs are
 * {@code toolExecutionNotifications}.
 */
final class SarifWriter {
    static final String SRCROOT = "%SRCROOT%";
    private static final Pattern LINE_SUFFIX = Pattern.compile("^(.*):(\\d+)$");

    private SarifWriter() {}

    static void write(ScanResult r, Path base, String version, Writer out) throws IOException {
        Path root = base.toAbsolutePath().normalize();
        ObjectNode log = JsonWriter.MAPPER.createObjectNode();
        log.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        log.put("version", "2.1.0");
        ObjectNode run = log.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "Vigil");
        driver.put("version", version);
        driver.put("informationUri", "https://github.com/vigil-dev/vigil");
        ArrayNode rules = driver.putArray("rules");
        Map<String, Integer> index = new LinkedHashMap<>();
        for (Finding f : r.findings()) {
            if (!index.containsKey(f.id())) {
                index.put(f.id(), rules.size());
                rules.add(rule(f));
            }
        }
        run.putObject("originalUriBaseIds")
                .putObject(SRCROOT)
                .put("uri", root.toUri().toString());
        ObjectNode invocation = run.putArray("invocations").addObject();
        invocation.put("executionSuccessful", r.problems().isEmpty());
        if (!r.problems().isEmpty()) {
            ArrayNode notes = invocation.putArray("toolExecutionNotifications");
            for (String p : r.problems()) {
                notes.addObject().put("level", "error").putObject("message").put("text", sentence(p));
            }
        }
        ArrayNode results = run.putArray("results");
        for (Finding f : r.findings()) {
            results.add(result(f, index.get(f.id()), root));
        }
        run.put("columnKind", "unicodeCodePoints");
        JsonWriter.MAPPER.writeValue(out, log);
        out.write('\n');
    }

    private static ObjectNode rule(Finding f) {
        ObjectNode r = JsonWriter.MAPPER.createObjectNode();
        r.put("id", f.id());
        r.put("name", "Vulnerability" + f.id().replaceAll("[^A-Za-z0-9]", ""));
        String title = f.summary().isBlank() ? f.id() + " in " + f.pkg().name() : f.summary();
        r.putObject("shortDescription").put("text", sentence(title));
        String aliases = f.aliases().isEmpty() ? "" : " Also known as " + String.join(", ", f.aliases()) + ".";
        r.putObject("fullDescription").put("text", sentence(title) + aliases);
        ObjectNode help = r.putObject("help");
        help.put("text", sentence(title) + aliases + " Upgrade the affected package to a fixed version.");
        help.put(
                "markdown",
                "**" + f.id() + "**" + (f.summary().isBlank() ? "" : ": " + f.summary()) + "\n\n"
                        + (aliases.isEmpty() ? "" : aliases.trim() + "\n\n")
                        + "Upgrade the affected package to a fixed version (see the result message).");
        r.put("helpUri", helpUri(f.id()));
        r.putObject("defaultConfiguration").put("level", level(f.severity()));
        ObjectNode props = r.putObject("properties");
        String sec = securitySeverity(f.severity());
        if (sec != null) {
            props.put("security-severity", sec);
        }
        props.put("precision", "very-high");
        props.putArray("tags").add("security").add("vulnerability").add("dependency");
        return r;
    }

    private static String helpUri(String id) {
        if (id.startsWith("GHSA-")) {
            return "https://github.com/advisories/" + id;
        }
        if (id.startsWith("CVE-")) {
            return "https://nvd.nist.gov/vuln/detail/" + id;
        }
        return "https://osv.dev/vulnerability/" + id;
    }

    private static ObjectNode result(Finding f, int ruleIndex, Path root) {
        ObjectNode r = JsonWriter.MAPPER.createObjectNode();
        r.put("ruleId", f.id());
        r.put("ruleIndex", ruleIndex);
        r.put("level", level(f.severity()));
        String where = f.pkg().location();
        r.putObject("message").put("text", ScanReport.message(f) + " Found in " + where + ".");
        String file = where;
        int line = 1;
        int bang = where.indexOf("!/");
        if (bang > 0) {
            file = where.substring(0, bang);
        } else {
            Matcher m = LINE_SUFFIX.matcher(where);
            if (m.matches()) {
                file = m.group(1);
                line = Integer.parseInt(m.group(2));
            }
        }
        ObjectNode loc = r.putArray("locations").addObject();
        ObjectNode physical = loc.putObject("physicalLocation");
        ObjectNode artifact = physical.putObject("artifactLocation");
        String rel = SarifUris.relativeUri(file, root);
        if (rel != null) {
            artifact.put("uri", rel);
            artifact.put("uriBaseId", SRCROOT);
        } else {
            artifact.put("uri", SarifUris.absoluteUri(file));
        }
        physical.putObject("region").put("startLine", Math.max(1, line));
        loc.putArray("logicalLocations")
                .addObject()
                .put("fullyQualifiedName", f.pkg().purl())
                .put("kind", "module");
        r.putObject("partialFingerprints")
                .put("vigilVulnHash/v1", fingerprint(f.id(), f.pkg().purl(), rel == null ? file : rel));
        if (f.suppressed()) {
            ObjectNode s = r.putArray("suppressions").addObject();
            s.put("kind", "external");
            s.put("status", "accepted");
            s.put("justification", f.justification());
        }
        return r;
    }

    static String level(Severity s) {
        return switch (s) {
            case CRITICAL, HIGH -> "error";
            case MEDIUM -> "warning";
            case LOW, UNKNOWN -> "note";
        };
    }

    /** GitHub: over 9.0 critical, 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low; none for unknown. */
    static String securitySeverity(Severity s) {
        return switch (s) {
            case CRITICAL -> "9.5";
            case HIGH -> "8.0";
            case MEDIUM -> "5.5";
            case LOW -> "2.0";
            case UNKNOWN -> null;
        };
    }

    private static String sentence(String s) {
        String t = s.strip();
        return t.endsWith(".") ? t : t + ".";
    }

    static String fingerprint(String... parts) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256")
                    .digest(String.join("\u0000", parts).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
