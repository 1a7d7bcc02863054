package dev.vigil.vuln.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.vuln.Finding;
import dev.vigil.vuln.ScanResult;
import dev.vigil.vuln.Severity;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * The JSON contract:
 *
 * <pre>
 * {"version", "findings": [{"id", "aliases", "severity", "summary", "package": {"ecosystem", "name", "version",
 *   "purl"}, "fixed", "location", "introducedThrough", "suppressed", "justification"}],
 *  "unidentified": [PATH], "problems": [LINE], "warnings": [LINE],
 *  "summary": {"packages", "findings", "critical", "high", "medium", "low", "unknown", "suppressed", "unidentified"}}
 * </pre>
 *
 * {@code summary.findings} and the per-severity counts count unsuppressed findings only.
 */
final class JsonWriter {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private JsonWriter() {}

    static void write(ScanResult r, String version, Writer out) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("version", version);
        ArrayNode findings = root.putArray("findings");
        for (Finding f : r.findings()) {
            ObjectNode n = findings.addObject();
            n.put("id", f.id());
            strings(n.putArray("aliases"), f.aliases());
            n.put("severity", f.severity().label());
            n.put("summary", f.summary());
            ObjectNode p = n.putObject("package");
            p.put("ecosystem", f.pkg().ecosystem());
            p.put("name", f.pkg().name());
            p.put("version", f.pkg().version());
            p.put("purl", f.pkg().purl());
            strings(n.putArray("fixed"), f.fixed());
            n.put("location", f.pkg().location());
            if (f.pkg().layer() != null) {
                n.put("layer", f.pkg().layer());
            }
            strings(n.putArray("introducedThrough"), f.pkg().introducedThrough());
            n.put("suppressed", f.suppressed());
            if (f.suppressed()) {
                n.put("justification", f.justification());
            }
        }
        strings(root.putArray("unidentified"), r.unidentified());
        strings(root.putArray("problems"), r.problems());
        strings(root.putArray("warnings"), r.warnings());
        ObjectNode s = root.putObject("summary");
        s.put("packages", r.packages().size());
        s.put("findings", r.findings().stream().filter(f -> !f.suppressed()).count());
        for (Severity sev : Severity.values()) {
            s.put(sev.label(), r.count(sev));
        }
        s.put("suppressed", r.suppressedCount());
        s.put("unidentified", r.unidentified().size());
        MAPPER.writeValue(out, root);
        out.write('\n');
    }

    private static void strings(ArrayNode a, List<String> values) {
        values.forEach(a::add);
    }
}
