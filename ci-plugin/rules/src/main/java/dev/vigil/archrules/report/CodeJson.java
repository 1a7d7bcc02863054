package dev.vigil.archrules.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.archrules.SecurityRule;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code arch.json} for scripts: every finding with its rule, CWE and OWASP Top 10 category, location, fingerprint,
 * suppression and, for data-flow findings, the path from source to sink.
 */
public final class CodeJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CodeJson() {}

    public static String render(String toolVersion, List<SecurityRule> rules, List<Issue> issues)
            throws JsonProcessingException {
        Map<String, SecurityRule> byId = new HashMap<>();
        rules.forEach(r -> byId.put(r.id(), r));
        ObjectNode root = MAPPER.createObjectNode();
        root.put("tool", "vigil");
        root.put("version", toolVersion);
        ArrayNode ruleIds = root.putArray("rules");
        rules.forEach(r -> ruleIds.add(r.id()));
        ArrayNode findings = root.putArray("findings");
        for (Issue i : issues) {
            ObjectNode f = findings.addObject();
            SecurityRule r = byId.get(i.ruleId());
            f.put("ruleId", i.ruleId());
            if (r != null) {
                f.put("rule", r.name());
                f.put("cwe", r.cweId());
                f.put("owasp", r.owaspTop10());
            }
            f.put("level", i.level());
            f.put("message", i.message());
            f.put("file", i.file());
            f.put("line", i.line());
            f.put("subject", i.subject());
            f.put("fingerprint", i.fingerprint());
            f.put("suppressed", i.suppressed());
            if (i.suppressed()) {
                f.put("suppression", i.suppression());
            }
            f.put("helpUri", i.helpUri());
            if (!i.path().isEmpty()) {
                ArrayNode path = f.putArray("path");
                for (Issue.PathStep s : i.path()) {
                    path.addObject().put("file", s.file()).put("line", s.line()).put("message", s.message());
                }
            }
        }
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }
}
