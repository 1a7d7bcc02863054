package dev.vigil.policy.report;

import com.fasterxml.jackson.core.JsonGenerator;
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

    @Override
    public void write(LintResult result, Writer out) throws IOException {
        MAPPER.writeValue(out, toJson(result));
        out.write('\n');
        out.flush();
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
