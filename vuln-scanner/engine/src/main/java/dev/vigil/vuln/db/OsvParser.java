package dev.vigil.vuln.db;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.vuln.Cvss;
import dev.vigil.vuln.Cvss4;
import dev.vigil.vuln.Severity;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads one OSV advisory; a file that is not one is a {@link DatabaseException} naming it. */
final class OsvParser {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private OsvParser() {}

    /** The advisory, or null when it is withdrawn. */
    static Advisory parse(String file, byte[] json) throws DatabaseException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            throw new DatabaseException(file + (loc == null ? "" : ":" + loc.getLineNr()) + ": corrupt advisory: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new DatabaseException(file + ": unreadable advisory: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new DatabaseException(file + ": corrupt advisory: expected a JSON object");
        }
        String id = text(root, "id");
        if (id == null || id.isBlank()) {
            throw new DatabaseException(file + ": corrupt advisory: no 'id'");
        }
        if (root.hasNonNull("withdrawn")) {
            return null;
        }
        List<String> aliases = new ArrayList<>();
        for (JsonNode a : array(root, file, "aliases")) {
            aliases.add(a.asText());
        }
        List<Advisory.Affected> affected = new ArrayList<>();
        Severity severity = severity(root.path("severity"));
        for (JsonNode a : array(root, file, "affected")) {
            JsonNode pkg = a.path("package");
            String ecosystem = text(pkg, "ecosystem");
            String name = text(pkg, "name");
            if (ecosystem == null || name == null) {
                throw new DatabaseException(file + ": corrupt advisory: affected[].package needs ecosystem and name");
            }
            List<Advisory.Range> ranges = new ArrayList<>();
            for (JsonNode r : array(a, file, "ranges")) {
                String type = text(r, "type");
                if ("GIT".equals(type)) {
                    continue;
                }
                List<Advisory.Event> events = new ArrayList<>();
                for (JsonNode e : array(r, file, "events")) {
                    var it = e.fields();
                    if (!it.hasNext()) {
                        throw new DatabaseException(file + ": corrupt advisory: empty range event");
                    }
                    var f = it.next();
                    events.add(new Advisory.Event(f.getKey(), f.getValue().asText()));
                }
                ranges.add(new Advisory.Range(type, events));
            }
            List<String> versions = new ArrayList<>();
            for (JsonNode v : array(a, file, "versions")) {
                versions.add(v.asText());
            }
            if (severity == Severity.UNKNOWN) {
                severity = severity(a.path("severity"));
            }
            if (severity == Severity.UNKNOWN) {
                severity = Severity.fromRating(text(a.path("ecosystem_specific"), "severity"));
            }
            if (severity == Severity.UNKNOWN) {
                severity = Severity.fromRating(text(a.path("database_specific"), "severity"));
            }
            affected.add(new Advisory.Affected(ecosystem, name, ranges, versions));
        }
        if (severity == Severity.UNKNOWN) {
            severity = Severity.fromRating(text(root.path("database_specific"), "severity"));
        }
        String summary = text(root, "summary");
        String modified = text(root, "modified");
        return new Advisory(
                id,
                aliases,
                summary == null ? "" : summary,
                modified == null ? "" : modified,
                severity,
                affected,
                file);
    }

    /** The highest severity the {@code severity[]} array gives: CVSS v3 and v4 vectors scored, ratings by name. */
    private static Severity severity(JsonNode list) {
        Severity best = Severity.UNKNOWN;
        for (JsonNode s : list) {
            String type = text(s, "type");
            String score = text(s, "score");
            Severity sev = Severity.UNKNOWN;
            if (type == null || score == null) {
                continue;
            }
            if (type.toUpperCase(Locale.ROOT).startsWith("CVSS_V3")) {
                double base = Cvss.v3BaseScore(score);
                sev = base >= 0 ? Severity.fromScore(base) : Severity.UNKNOWN;
            } else if (type.toUpperCase(Locale.ROOT).startsWith("CVSS_V4")) {
                double base = Cvss4.score(score);
                sev = base >= 0 ? Severity.fromScore(base) : Severity.UNKNOWN;
            } else if (!type.toUpperCase(Locale.ROOT).startsWith("CVSS_")) {
                sev = Severity.fromRating(score); // e.g. Ubuntu's priority words
            }
            // CVSS v2 vectors are not scored: the database's own rating decides for them
            if (sev != Severity.UNKNOWN && (best == Severity.UNKNOWN || sev.rank() > best.rank())) {
                best = sev;
            }
        }
        return best;
    }

    private static Iterable<JsonNode> array(JsonNode node, String file, String field) throws DatabaseException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new DatabaseException(file + ": corrupt advisory: '" + field + "' is not a list");
        }
        return v;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }
}
