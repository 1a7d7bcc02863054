package dev.vigil.policy.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.policy.Finding;
import dev.vigil.policy.PssCheck;
import dev.vigil.policy.Resource;
import dev.vigil.policy.load.LoadProblem;
import java.io.IOException;
import java.io.Writer;

/**
 * Vigil's JSON report:
 *
 * <pre>{@code
 * {"version": "<vigil version>",
 *  "findings": [{"ruleId", "severity", "message", "file", "line", "column",
 *                "object": {"apiVersion", "kind", "namespace", "name"},
 *                "path", "remediation", "suppressed", "justification",
 *                "pss": {"level", "version", "reason"}}],
 *  "problems": [{"file", "line", "column", "message"}],
 *  "summary": {"files", "objects", "skipped", "errors", "warnings", "infos", "suppressed",
 *              "notReferenced" (only when a kustomization left files out)},
 *  "pssLevels": [{"object": {…}, "file", "line", "level", "version", "reason"}]}
 * }</pre>
 *
 * {@code pss} is present on the findings of Pod Security Standards rules only: the level and version the object
 * was checked at and why (an explicitly chosen profile, its namespace's {@code enforce} label, a {@code warn} or
 * {@code audit} label, or the default profile). {@code pssLevels} lists every workload of a namespace with Pod
 * Security labels, findings or not, with the level it was checked at ({@code privileged}: none) and why.
 *
 * Suppressed findings are listed with {@code "suppressed": true} and their justification (null otherwise); they
 * are not counted in the summary. {@code problems} lists the inputs that could not be read or parsed.
 */
public final class JsonReportWriter implements ReportWriter {
    /** Pretty-printing, and never closing the caller's writer. */
    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    /**
     * Streams the report: the same text as {@code MAPPER.writeValue(out, toJson(result))} without building the tree
     * first (a large input's tens of thousands of findings made a tree that was only written out and dropped).
     */
    @Override
    public void write(LintResult result, Writer out) throws IOException {
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            g.setPrettyPrinter(new DefaultPrettyPrinter());
            write(result, g);
        }
        out.write('\n');
        out.flush();
    }

    private static void write(LintResult result, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("version", result.toolVersion());
        g.writeArrayFieldStart("findings");
        for (Finding f : result.findings()) {
            finding(f, g);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("problems");
        for (LoadProblem p : result.problems()) {
            g.writeStartObject();
            g.writeStringField("file", p.file());
            g.writeNumberField("line", p.line());
            g.writeNumberField("column", p.column());
            g.writeStringField("message", p.message());
            g.writeEndObject();
        }
        g.writeEndArray();
        LintResult.Summary s = result.summary();
        g.writeObjectFieldStart("summary");
        g.writeNumberField("files", s.files());
        g.writeNumberField("objects", s.objects());
        g.writeNumberField("skipped", s.skipped());
        g.writeNumberField("errors", s.errors());
        g.writeNumberField("warnings", s.warnings());
        g.writeNumberField("infos", s.infos());
        g.writeNumberField("suppressed", s.suppressed());
        if (s.notReferenced() > 0) {
            g.writeNumberField("notReferenced", s.notReferenced());
        }
        g.writeEndObject();
        g.writeArrayFieldStart("pssLevels");
        for (PssCheck c : result.report().pssChecks()) {
            g.writeStartObject();
            object(c.resource(), g);
            g.writeStringField("file", c.resource().position("").file());
            g.writeNumberField("line", c.resource().position("").line());
            g.writeStringField("level", c.level());
            g.writeStringField("version", c.version().toString());
            g.writeStringField("reason", c.reason());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void object(Resource r, JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("object");
        g.writeStringField("apiVersion", r.apiVersion());
        g.writeStringField("kind", r.kind());
        g.writeStringField("namespace", r.namespace());
        g.writeStringField("name", r.name());
        g.writeEndObject();
    }

    private static void finding(Finding f, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("ruleId", f.ruleId());
        g.writeStringField("severity", f.severity().id());
        g.writeStringField("message", f.message());
        g.writeStringField("file", f.position().file());
        g.writeNumberField("line", f.position().line());
        g.writeNumberField("column", f.position().column());
        Resource r = f.resource();
        String note = r.positionNote(f.path());
        if (note != null) { // a field rendered from a template whose line is approximate
            g.writeStringField("positionNote", note);
        }
        object(r, g);
        g.writeStringField("path", f.path());
        g.writeStringField("remediation", f.remediation());
        g.writeBooleanField("suppressed", f.suppressed());
        g.writeStringField("justification", f.suppression());
        if (f.pss() != null) {
            g.writeObjectFieldStart("pss");
            g.writeStringField("level", f.pss().level());
            g.writeStringField("version", f.pss().version().toString());
            g.writeStringField("reason", f.pss().reason());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    /** The report as a JSON tree (for front ends that embed it). */
    public ObjectNode toJson(LintResult result) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("version", result.toolVersion());
        ArrayNode findings = root.putArray("findings");
        for (Finding f : result.findings()) {
            findings.add(finding(f));
        }
        ArrayNode problems = root.putArray("problems");
        for (LoadProblem p : result.problems()) {
            ObjectNode n = problems.addObject();
            n.put("file", p.file());
            n.put("line", p.line());
            n.put("column", p.column());
            n.put("message", p.message());
        }
        LintResult.Summary s = result.summary();
        ObjectNode summary = root.putObject("summary");
        summary.put("files", s.files());
        summary.put("objects", s.objects());
        summary.put("skipped", s.skipped());
        summary.put("errors", s.errors());
        summary.put("warnings", s.warnings());
        summary.put("infos", s.infos());
        summary.put("suppressed", s.suppressed());
        ArrayNode levels = root.putArray("pssLevels");
        for (PssCheck c : result.report().pssChecks()) {
            ObjectNode n = levels.addObject();
            object(n, c.resource());
            n.put("file", c.resource().position("").file());
            n.put("line", c.resource().position("").line());
            n.put("level", c.level());
            n.put("version", c.version().toString());
            n.put("reason", c.reason());
        }
        if (s.notReferenced() > 0) {
            summary.put("notReferenced", s.notReferenced());
        }
        return root;
    }

    private static void object(ObjectNode parent, Resource r) {
        ObjectNode object = parent.putObject("object");
        object.put("apiVersion", r.apiVersion());
        object.put("kind", r.kind());
        object.put("namespace", r.namespace());
        object.put("name", r.name());
    }

    private static ObjectNode finding(Finding f) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("ruleId", f.ruleId());
        n.put("severity", f.severity().id());
        n.put("message", f.message());
        n.put("file", f.position().file());
        n.put("line", f.position().line());
        n.put("column", f.position().column());
        Resource r = f.resource();
        String note = r.positionNote(f.path());
        if (note != null) { // a field rendered from a template whose line is approximate
            n.put("positionNote", note);
        }
        object(n, r);
        n.put("path", f.path());
        n.put("remediation", f.remediation());
        n.put("suppressed", f.suppressed());
        n.put("justification", f.suppression());
        if (f.pss() != null) {
            ObjectNode pss = n.putObject("pss");
            pss.put("level", f.pss().level());
            pss.put("version", f.pss().version().toString());
            pss.put("reason", f.pss().reason());
        }
        return n;
    }
}
