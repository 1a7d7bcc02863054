package dev.vigil.policy.fix;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.policy.PodSpec;
import dev.vigil.policy.Resource;
import dev.vigil.policy.ResourceSet;
import dev.vigil.policy.SourcePosition;
import dev.vigil.policy.load.LoadResult;
import dev.vigil.policy.load.ManifestLoader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code vigil lint --fix}: adds the safe securityContext defaults Pod Security Standards restricted asks for,
 * where they are missing, as minimal text edits that keep comments, order and formatting of everything else.
 *
 * <ul>
 *   <li>pod level: {@code runAsNonRoot: true}, {@code seccompProfile: {type: RuntimeDefault}}
 *   <li>every container, init container and ephemeral container: {@code allowPrivilegeEscalation: false},
 *       {@code capabilities: {drop: [ALL]}}
 * </ul>
 *
 * <p>Only absent fields are added: an explicit value (even an unsafe one) is the author's decision and stays,
 * and so does its finding. Mappings written in flow style ({@code {a: 1}}) are not edited; a note says so.
 */
public final class SecurityContextFixer {
    private static final Pattern EMPTY_MAPPING_VALUE =
            Pattern.compile("^(\\s*(?:-\\s+)?[\"']?[A-Za-z]+[\"']?\\s*:)\\s*(?:\\{\\s*\\}|~|null)?\\s*(#.*)?$");

    /**
     * The outcome for one file.
     *
     * @param file the file as the user named it
     * @param original its text
     * @param fixed the text with the additions (equal to {@code original} when nothing was added)
     * @param diff a unified diff from original to fixed (empty when nothing was added)
     * @param notes places that needed a fix but were left alone, {@code file:line: why}
     */
    public record Result(String file, String original, String fixed, String diff, List<String> notes) {
        public boolean changed() {
            return !original.equals(fixed);
        }
    }

    /** Fixes one file's text; {@code file} names it in the diff and notes. */
    public Result fix(String text, String file) {
        List<String> notes = new ArrayList<>();
        String start = text.stripLeading();
        if (start.startsWith("{") || start.startsWith("[")) {
            notes.add(file + ": JSON is not edited; --fix handles YAML files");
            return new Result(file, text, text, "", notes);
        }
        LoadResult loaded = new ManifestLoader().loadText(text, file);
        if (!loaded.problems().isEmpty()) {
            notes.add(loaded.problems().get(0) + " (not fixed)");
            return new Result(file, text, text, "", notes);
        }
        TextEdits edits = new TextEdits(text);
        ResourceSet set = ResourceSet.of(loaded.resources());
        for (Resource r : set.resources()) {
            for (PodSpec pod : set.podSpecs(r)) {
                new Pass(r, edits, notes).pod(pod);
            }
        }
        String fixed = edits.isEmpty() ? text : edits.apply();
        return new Result(file, text, fixed, edits.unifiedDiff(file), List.copyOf(notes));
    }

    /** The additions for one object. */
    private static final class Pass {
        private final Resource r;
        private final TextEdits edits;
        private final List<String> notes;

        Pass(Resource r, TextEdits edits, List<String> notes) {
            this.r = r;
            this.edits = edits;
            this.notes = notes;
        }

        void pod(PodSpec pod) {
            Map<String, Object> podContext = new LinkedHashMap<>();
            podContext.put("runAsNonRoot", "true");
            podContext.put("seccompProfile", Map.of("type", "RuntimeDefault"));
            merge(pod.specPath(), pod.spec(), Map.of("securityContext", podContext));
            for (PodSpec.Container c : pod.allContainers()) {
                Map<String, Object> containerContext = new LinkedHashMap<>();
                containerContext.put("allowPrivilegeEscalation", "false");
                containerContext.put("capabilities", Map.of("drop", "[\"ALL\"]"));
                merge(c.path(), c.json(), Map.of("securityContext", containerContext));
            }
        }

        /** Adds what of {@code wanted} is missing from the mapping {@code node} at {@code path}. */
        @SuppressWarnings("unchecked")
        private void merge(String path, JsonNode node, Map<String, Object> wanted) {
            Map<String, Object> missing = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : wanted.entrySet()) {
                JsonNode present = node.get(e.getKey());
                String childPath = path + "." + e.getKey();
                if (present == null) {
                    missing.put(e.getKey(), e.getValue());
                } else if (e.getValue() instanceof Map<?, ?> sub) {
                    if (present.isNull() || (present.isObject() && present.isEmpty())) {
                        fillEmpty(childPath, (Map<String, Object>) sub);
                    } else if (present.isObject()) {
                        merge(childPath, present, (Map<String, Object>) sub);
                    }
                }
            }
            if (!missing.isEmpty()) {
                insertInto(path, node, missing);
            }
        }

        /**
         * Inserts entries into a non-empty block mapping: before its first key that starts a line of its own
         * (above the comments that belong to that key), or else after a last key whose scalar value ends its line.
         */
        private void insertInto(String path, JsonNode node, Map<String, Object> entries) {
            String lastKey = null;
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                lastKey = key;
                SourcePosition pos = r.position(path + "." + key);
                int line = pos.line() - 1;
                if (pos.line() > 0 && startsLine(edits.line(line), pos.column())) {
                    int indent = pos.column() - 1;
                    while (line > 0 && isCommentAt(edits.line(line - 1), indent)) {
                        line--;
                    }
                    edits.insertBefore(line, render(entries, indent, step()));
                    return;
                }
            }
            if (lastKey != null && node.get(lastKey).isValueNode()) {
                SourcePosition pos = r.position(path + "." + lastKey);
                String text = edits.line(pos.line() - 1);
                String rest = text.substring(Math.min(text.length(), pos.column() - 1));
                if (pos.line() > 0 && !rest.matches(".*:\\s*[|>].*") && !rest.matches(".*[\\[\\]{}].*")) {
                    edits.insertBefore(pos.line(), render(entries, pos.column() - 1, step()));
                    return;
                }
            }
            note(path, "is written in flow style; add " + String.join(", ", entries.keySet()) + " by hand");
        }

        private static boolean isCommentAt(String text, int indent) {
            String stripped = text.strip();
            return stripped.startsWith("#")
                    && text.length() - text.stripLeading().length() == indent;
        }

        /** Turns {@code key:}, {@code key: {}} or {@code key: null} into a block mapping holding {@code entries}. */
        private void fillEmpty(String path, Map<String, Object> entries) {
            SourcePosition pos = r.position(path);
            int line = pos.line() - 1;
            Matcher m = EMPTY_MAPPING_VALUE.matcher(edits.line(line));
            if (pos.line() <= 0 || !m.matches()) {
                note(path, "is not a plain empty mapping; add " + String.join(", ", entries.keySet()) + " by hand");
                return;
            }
            edits.replace(line, m.group(1) + (m.group(2) == null ? "" : " " + m.group(2)));
            edits.insertBefore(line + 1, render(entries, pos.column() - 1 + step(), step()));
        }

        /** The indentation step of the file, from the object's {@code metadata} mapping (default 2). */
        private int step() {
            SourcePosition meta = r.position("metadata");
            SourcePosition name = r.position("metadata.name");
            int step = name.column() - meta.column();
            return name.line() > meta.line() && step > 0 && step <= 8 ? step : 2;
        }

        private void note(String path, String why) {
            notes.add(r.position(path) + ": " + path + " " + why);
        }
    }

    /** True when only spaces precede column {@code column} (1-based) of {@code text}. */
    static boolean startsLine(String text, int column) {
        if (column - 1 > text.length()) {
            return false;
        }
        String before = text.substring(0, column - 1);
        return before.isBlank();
    }

    @SuppressWarnings("unchecked")
    static List<String> render(Map<String, Object> entries, int indent, int step) {
        List<String> out = new ArrayList<>();
        String pad = " ".repeat(indent);
        for (Map.Entry<String, Object> e : entries.entrySet()) {
            if (e.getValue() instanceof Map<?, ?> sub) {
                out.add(pad + e.getKey() + ":");
                out.addAll(render((Map<String, Object>) sub, indent + step, step));
            } else {
                out.add(pad + e.getKey() + ": " + e.getValue());
            }
        }
        return out;
    }
}
