package dev.vigil.archrules.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@code vigil-baseline.json}: findings accepted for now, each with its rule, semantic fingerprint, where it was
 * when accepted, a justification and an optional expiry date. Baselined findings are reported as suppressed; new
 * ones fail the build. Entries whose finding is gone are stale: removed locally, a failure in strict mode (CI).
 *
 * <pre>{@code
 * {
 *   "version": 1,
 *   "entries": [
 *     {"ruleId": "pss-privileged", "fingerprint": "3f2a…", "location": "k8s/app.yaml:21:13 Deployment/app",
 *      "justification": "needs /dev/fuse until the storage migration", "expires": "2027-03-31"}
 *   ]
 * }
 * }</pre>
 */
public final class Baseline {
    public static final String ARCH_PREFIX = "VIGIL-ARCH-";
    /** The suppression text of a baselined finding starts with this. */
    public static final String SUPPRESSION = "baselined: ";
    /** Entries the lint goal owns. */
    public static final Predicate<String> LINT = id -> !id.startsWith(ARCH_PREFIX);
    /** Entries the arch goal owns. */
    public static final Predicate<String> ARCH = id -> id.startsWith(ARCH_PREFIX);

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * One accepted finding.
     *
     * @param expires null when the entry does not expire
     */
    public record Entry(String ruleId, String fingerprint, String location, String justification, LocalDate expires) {}

    /**
     * What applying the baseline to one goal's findings gave.
     *
     * @param issues the findings, baselined ones suppressed
     * @param stale entries of this goal whose finding is gone
     * @param expired entries past their expiry date (their findings count again)
     */
    public record Applied(List<Issue> issues, List<Entry> stale, List<Entry> expired) {}

    /** Thrown for an unreadable or invalid baseline file; the message is one {@code file:line:col: ...} line. */
    public static final class BaselineException extends Exception {
        private static final long serialVersionUID = 1L;

        public BaselineException(String message) {
            super(message);
        }
    }

    private final List<Entry> entries;

    public Baseline(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static Baseline empty() {
        return new Baseline(List.of());
    }

    public List<Entry> entries() {
        return entries;
    }

    /** Reads {@code file}; an absent file is an empty baseline. */
    public static Baseline read(Path file, String label) throws BaselineException {
        if (!Files.exists(file)) {
            return empty();
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new BaselineException(label + ":" + (loc == null ? 0 : loc.getLineNr()) + ":"
                    + (loc == null ? 0 : loc.getColumnNr()) + ": not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BaselineException(label + ": cannot read: " + e.getMessage());
        }
        if (root == null || !root.path("entries").isArray()) {
            throw new BaselineException(label + ": expected an object with an \"entries\" array");
        }
        List<Entry> out = new ArrayList<>();
        int i = 0;
        for (JsonNode e : root.get("entries")) {
            String where = label + ": entries[" + i++ + "]";
            String ruleId = e.path("ruleId").asText("");
            String fingerprint = e.path("fingerprint").asText("");
            if (ruleId.isEmpty() || fingerprint.isEmpty()) {
                throw new BaselineException(where + ": ruleId and fingerprint are required");
            }
            LocalDate expires = null;
            String expiresText = e.path("expires").asText("");
            if (!expiresText.isEmpty()) {
                try {
                    expires = LocalDate.parse(expiresText);
                } catch (DateTimeParseException ex) {
                    throw new BaselineException(
                            where + ": expires was '" + expiresText + "' but it must be a date like 2027-06-30");
                }
            }
            out.add(new Entry(
                    ruleId,
                    fingerprint,
                    e.path("location").asText(""),
                    e.path("justification").asText(""),
                    expires));
        }
        return new Baseline(out);
    }

    /** Marks the findings this baseline accepts as suppressed; finds stale and expired entries of {@code domain}. */
    public Applied apply(List<Issue> issues, Predicate<String> domain, LocalDate today) {
        Map<String, List<Entry>> open = new HashMap<>();
        List<Entry> expired = new ArrayList<>();
        for (Entry e : entries) {
            if (!domain.test(e.ruleId())) {
                continue;
            }
            if (e.expires() != null && e.expires().isBefore(today)) {
                expired.add(e);
            } else {
                open.computeIfAbsent(key(e.ruleId(), e.fingerprint()), k -> new ArrayList<>())
                        .add(e);
            }
        }
        List<Issue> out = new ArrayList<>(issues.size());
        for (Issue issue : issues) {
            List<Entry> candidates = issue.suppressed() ? null : open.get(key(issue.ruleId(), issue.fingerprint()));
            if (candidates == null || candidates.isEmpty()) {
                out.add(issue);
            } else {
                Entry e = candidates.remove(0);
                out.add(issue.suppress(
                        SUPPRESSION + (e.justification().isBlank() ? "no justification" : e.justification())));
            }
        }
        List<Entry> stale = new ArrayList<>();
        open.values().forEach(stale::addAll);
        stale.sort(Comparator.comparing(Entry::ruleId).thenComparing(Entry::location));
        return new Applied(out, stale, expired);
    }

    /** This baseline without {@code removed}. */
    public Baseline without(List<Entry> removed) {
        List<Entry> left = new ArrayList<>(entries);
        for (Entry r : removed) {
            left.remove(r);
        }
        return new Baseline(left);
    }

    /**
     * A baseline accepting every unsuppressed finding in {@code issues} for {@code domain}, keeping the other
     * domain's entries and the justification and expiry of entries that still match.
     */
    public Baseline replace(Predicate<String> domain, List<Issue> issues, String defaultJustification) {
        Map<String, List<Entry>> previous = new HashMap<>();
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries) {
            if (domain.test(e.ruleId())) {
                previous.computeIfAbsent(key(e.ruleId(), e.fingerprint()), k -> new ArrayList<>())
                        .add(e);
            } else {
                out.add(e);
            }
        }
        for (Issue issue : issues) {
            if (issue.suppressed() && !issue.suppression().startsWith(SUPPRESSION)) {
                continue;
            }
            List<Entry> old = previous.get(key(issue.ruleId(), issue.fingerprint()));
            Entry kept = old == null || old.isEmpty() ? null : old.remove(0);
            out.add(new Entry(
                    issue.ruleId(),
                    issue.fingerprint(),
                    issue.location() + " " + issue.subject(),
                    kept != null ? kept.justification() : defaultJustification,
                    kept != null ? kept.expires() : null));
        }
        out.sort(Comparator.comparing(Entry::ruleId)
                .thenComparing(Entry::location)
                .thenComparing(Entry::fingerprint));
        return new Baseline(out);
    }

    public void write(Path file) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("version", 1);
        root.put(
                "comment",
                "Findings accepted for now (vigil:baseline). Fix them, or justify each entry and set an expiry date.");
        ArrayNode array = root.putArray("entries");
        for (Entry e : entries) {
            ObjectNode n = array.addObject();
            n.put("ruleId", e.ruleId());
            n.put("fingerprint", e.fingerprint());
            n.put("location", e.location());
            n.put("justification", e.justification());
            if (e.expires() == null) {
                n.putNull("expires");
            } else {
                n.put("expires", e.expires().toString());
            }
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, MAPPER.writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
    }

    private static String key(String ruleId, String fingerprint) {
        return ruleId + "\u0000" + fingerprint;
    }
}
