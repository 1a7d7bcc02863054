package dev.vigil.policy.fix;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Line-level edits to one text: lines inserted before a line and lines replaced. Everything else (comments,
 * order, quoting, blank lines, line endings) is kept byte for byte. Renders the result and a unified diff.
 */
final class TextEdits {
    private final List<String> lines;
    private final String eol;
    private final boolean finalEol;
    private final Map<Integer, List<String>> inserts = new TreeMap<>();
    private final Map<Integer, String> replacements = new TreeMap<>();

    TextEdits(String text) {
        this.eol = text.contains("\r\n") ? "\r\n" : "\n";
        this.finalEol = text.endsWith("\n");
        String body = finalEol ? text.substring(0, text.length() - (text.endsWith("\r\n") ? 2 : 1)) : text;
        this.lines = body.isEmpty() ? new ArrayList<>() : new ArrayList<>(List.of(body.split("\r?\n", -1)));
    }

    /** Line {@code index} (0-based) of the original text. */
    String line(int index) {
        return index >= 0 && index < lines.size() ? lines.get(index) : "";
    }

    int lineCount() {
        return lines.size();
    }

    /** Inserts {@code added} before original line {@code index} (0-based; {@code lineCount()} appends). */
    void insertBefore(int index, List<String> added) {
        inserts.computeIfAbsent(index, i -> new ArrayList<>()).addAll(added);
    }

    /** Replaces original line {@code index} with {@code text}. */
    void replace(int index, String text) {
        replacements.put(index, text);
    }

    boolean isEmpty() {
        return inserts.isEmpty() && replacements.isEmpty();
    }

    /** The edited text. */
    String apply() {
        StringBuilder sb = new StringBuilder();
        List<String> out = new ArrayList<>();
        for (Op op : ops()) {
            if (op.kind != '-') {
                out.add(op.text);
            }
        }
        for (int i = 0; i < out.size(); i++) {
            sb.append(out.get(i));
            if (i < out.size() - 1 || finalEol) {
                sb.append(eol);
            }
        }
        return sb.toString();
    }

    private record Op(char kind, String text) {}

    private List<Op> ops() {
        List<Op> ops = new ArrayList<>();
        for (int i = 0; i <= lines.size(); i++) {
            for (String added : inserts.getOrDefault(i, List.of())) {
                ops.add(new Op('+', added));
            }
            if (i == lines.size()) {
                break;
            }
            String replacement = replacements.get(i);
            if (replacement != null) {
                ops.add(new Op('-', lines.get(i)));
                ops.add(new Op('+', replacement));
            } else {
                ops.add(new Op(' ', lines.get(i)));
            }
        }
        return ops;
    }

    /**
     * A unified diff ({@code diff -u} style, 3 lines of context) from {@code a/label} to {@code b/label} (plain
     * {@code label} for absolute paths).
     */
    String unifiedDiff(String label) {
        List<Op> ops = ops();
        StringBuilder sb = new StringBuilder();
        if (isEmpty()) {
            return "";
        }
        boolean absolute = label.startsWith("/");
        sb.append(absolute ? "--- " : "--- a/").append(label).append('\n');
        sb.append(absolute ? "+++ " : "+++ b/").append(label).append('\n');
        int context = 3;
        int i = 0;
        while (i < ops.size()) {
            if (ops.get(i).kind == ' ') {
                i++;
                continue;
            }
            int start = Math.max(0, i - context);
            int end = i;
            // extend the hunk while changes are within 2*context lines of each other
            int lastChange = i;
            int j = i;
            while (j < ops.size()) {
                if (ops.get(j).kind != ' ') {
                    lastChange = j;
                } else if (j - lastChange > 2 * context) {
                    break;
                }
                j++;
            }
            end = Math.min(ops.size(), lastChange + context + 1);
            int oldStart = 1;
            int newStart = 1;
            for (int k = 0; k < start; k++) {
                if (ops.get(k).kind != '+') {
                    oldStart++;
                }
                if (ops.get(k).kind != '-') {
                    newStart++;
                }
            }
            int oldCount = 0;
            int newCount = 0;
            for (int k = start; k < end; k++) {
                if (ops.get(k).kind != '+') {
                    oldCount++;
                }
                if (ops.get(k).kind != '-') {
                    newCount++;
                }
            }
            sb.append("@@ -")
                    .append(oldCount == 0 ? oldStart - 1 : oldStart)
                    .append(',')
                    .append(oldCount)
                    .append(" +")
                    .append(newCount == 0 ? newStart - 1 : newStart)
                    .append(',')
                    .append(newCount)
                    .append(" @@\n");
            for (int k = start; k < end; k++) {
                sb.append(ops.get(k).kind).append(ops.get(k).text).append('\n');
            }
            i = end;
        }
        return sb.toString();
    }
}
