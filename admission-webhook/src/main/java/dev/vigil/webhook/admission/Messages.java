package dev.vigil.webhook.admission;

import dev.vigil.policy.Finding;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders findings into the words the API server shows: the denial message, warnings and audit annotations.
 * Each finding is written as the linter writes it: rule id, object path, reason. Everything is bounded so a
 * pathological object can never produce a huge response (or fill the audit log).
 */
final class Messages {
    /** The API server asks webhooks to keep each warning within 120 characters. */
    static final int MAX_WARNING_LENGTH = 120;
    /** Total characters of all warnings (the API server truncates beyond 4 KiB). */
    static final int MAX_WARNINGS_TOTAL = 3072;

    static final int MAX_DENIAL_LENGTH = 4096;
    static final int MAX_AUDIT_LENGTH = 1024;
    private static final int MAX_LISTED = 20;

    private Messages() {}

    /** {@code rule-id at path: message} — the same words as the linter's finding. */
    static String describe(Finding f) {
        return f.ruleId() + " at " + f.path() + ": " + f.message();
    }

    static String denial(AdmissionRequestView req, Level level, List<Finding> findings) {
        StringBuilder sb = new StringBuilder();
        sb.append(req.kindLabel())
                .append(" \"")
                .append(objectName(req))
                .append("\" violates vigil ")
                .append(level)
                .append(": ");
        return appendBounded(sb, findings, "; ", MAX_DENIAL_LENGTH);
    }

    static List<String> warnings(Level level, List<Finding> findings) {
        List<String> out = new ArrayList<>();
        if (findings.isEmpty()) {
            return out;
        }
        int total = 0;
        out.add(truncate("vigil " + level + ": " + findings.size() + " finding" + (findings.size() == 1 ? "" : "s")));
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            String w = warning(f);
            if (i >= MAX_LISTED || total + w.length() > MAX_WARNINGS_TOTAL) {
                out.add("... and " + (findings.size() - i) + " more; run vigil lint for all of them");
                break;
            }
            out.add(w);
            total += w.length();
        }
        return out;
    }

    /** {@code [rule-id] message (path)}, dropping the path (then cutting the message) to stay within 120. */
    static String warning(Finding f) {
        String base = "[" + f.ruleId() + "] " + f.message();
        String full = base + " (" + f.path() + ")";
        return full.length() <= MAX_WARNING_LENGTH ? full : truncate(base);
    }

    static String audit(List<Finding> findings) {
        return appendBounded(new StringBuilder(), findings, "; ", MAX_AUDIT_LENGTH);
    }

    private static String appendBounded(StringBuilder sb, List<Finding> findings, String sep, int limit) {
        for (int i = 0; i < findings.size(); i++) {
            String item = describe(findings.get(i));
            String more = sep + "and " + (findings.size() - i) + " more";
            if (i >= MAX_LISTED || sb.length() + sep.length() + item.length() + 24 > limit) {
                sb.append(i == 0 ? more.substring(sep.length()) : more);
                break;
            }
            if (i > 0) {
                sb.append(sep);
            }
            sb.append(item);
        }
        return sb.toString();
    }

    static String truncate(String s) {
        return s.length() <= MAX_WARNING_LENGTH ? s : s.substring(0, MAX_WARNING_LENGTH - 3) + "...";
    }

    private static String objectName(AdmissionRequestView req) {
        if (!req.name().isEmpty()) {
            return req.name();
        }
        if (req.object() != null) {
            String generate = req.object().path("metadata").path("generateName").asText("");
            if (!generate.isEmpty()) {
                return generate + "*";
            }
        }
        return "";
    }
}
