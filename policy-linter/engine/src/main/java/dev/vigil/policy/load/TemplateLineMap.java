package dev.vigil.policy.load;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Maps the lines Helm rendered from one template back to the template's lines. A template line with literal text
 * (a key, a fixed value) is matched against rendered lines with its {@code {{ … }}} actions as wildcards and the
 * same indentation, searching forward from the last match first (a {@code range} repeats lines, so backward
 * next). A rendered line no template line matches was written by an action ({@code include}, {@code toYaml},
 * {@code tpl}): it maps to the one line between its matched neighbours that holds an action with output, as
 * {@link Kind#EXPRESSION}. When no such line can be told, the line is {@link Kind#UNMAPPED}. Linear in practice:
 * each rendered line is compared with the template lines near the last match.
 */
final class TemplateLineMap {
    /** How a rendered line was mapped. */
    enum Kind {
        /** The template line holding the same literal text. */
        EXACT,
        /** The template line whose action wrote the rendered line. */
        EXPRESSION,
        /** Not known: the template file only. */
        UNMAPPED
    }

    /**
     * A template line (1-based) and how it was found; {@code column} is where the action that wrote the line starts
     * (1-based; 0 when the line starts in literal text, then a field keeps its rendered column).
     */
    record Target(int line, int column, Kind kind) {
        /** The template column of a field at {@code renderedColumn} of the rendered line. */
        int columnFor(int renderedColumn) {
            return switch (kind) {
                case EXACT -> column == 0 || renderedColumn < column ? renderedColumn : column;
                case EXPRESSION -> column;
                case UNMAPPED -> 0;
            };
        }
    }

    /** Actions without output: control structure, comments, variable assignments. */
    private static final Pattern CONTROL = Pattern.compile(
            "^\\{\\{-?\\s*(?:(?:if|else|end|range|with|define|block|break|continue)\\b|/\\*|\\$\\w*\\s*:?=)");

    /** One template line: a matcher when it has literal text, the column of its first output action, if any. */
    private record Line(
            Pattern matcher, String indent, int outputActionColumn, int firstActionColumn, boolean strong) {}

    private final List<Line> lines;

    TemplateLineMap(String template) {
        this.lines = parse(template);
    }

    int templateLines() {
        return lines.size();
    }

    /**
     * Maps every line of one rendered document (without Helm's {@code ---} and {@code # Source:} header lines).
     *
     * @param rendered the document's lines
     * @param startAt template line index (0-based) to search forward from first: where the previous document from
     *     the same template ended
     * @return one target per rendered line
     */
    Target[] map(List<String> rendered, int startAt) {
        int n = rendered.size();
        int[] matched = new int[n];
        int cursor = Math.max(0, Math.min(startAt, lines.size() - 1));
        for (int i = 0; i < n; i++) {
            String r = rendered.get(i);
            matched[i] = r.isBlank() ? -1 : find(r, cursor);
            if (matched[i] >= 0) {
                cursor = matched[i];
            }
        }
        Target[] out = new Target[n];
        for (int i = 0; i < n; i++) {
            if (matched[i] >= 0) {
                Line l = lines.get(matched[i]);
                out[i] = new Target(matched[i] + 1, Math.max(0, l.firstActionColumn()), Kind.EXACT);
            } else {
                out[i] = expression(matched, i);
            }
        }
        return out;
    }

    /** The template line index after the last line matched in {@code targets}, for the next document. */
    static int endOf(Target[] targets) {
        int end = 0;
        for (Target t : targets) {
            if (t.kind() == Kind.EXACT) {
                end = Math.max(end, t.line());
            }
        }
        return end;
    }

    /**
     * The template line for a rendered line: forward from the cursor first, then backward; the nearest line that
     * starts with literal text wins over a nearer one that starts with an action ({@code {{ $k }}: …} matches
     * almost anything).
     */
    private int find(String rendered, int cursor) {
        String indent = rendered.substring(0, indentOf(rendered));
        int weak = -1;
        for (int t = cursor; t < lines.size(); t++) {
            if (matches(lines.get(t), indent, rendered)) {
                if (lines.get(t).strong()) {
                    return t;
                }
                weak = weak < 0 ? t : weak;
            }
        }
        for (int t = cursor - 1; t >= 0; t--) {
            if (matches(lines.get(t), indent, rendered)) {
                if (lines.get(t).strong()) {
                    return weak >= 0 ? weak : t;
                }
                weak = weak < 0 ? t : weak;
            }
        }
        return weak;
    }

    private static boolean matches(Line line, String indent, String rendered) {
        return line.matcher() != null
                && line.indent().equals(indent)
                && line.matcher().matcher(rendered).matches();
    }

    /** An unmatched rendered line: the action line between its matched neighbours, if exactly one can be told. */
    private Target expression(int[] matched, int i) {
        int prev = -1;
        for (int j = i - 1; j >= 0; j--) {
            if (matched[j] >= 0) {
                prev = matched[j];
                break;
            }
        }
        int next = lines.size();
        for (int j = i + 1; j < matched.length; j++) {
            if (matched[j] >= 0) {
                next = matched[j];
                break;
            }
        }
        int from = prev + 1;
        int to = next > prev ? next : lines.size();
        for (int t = to - 1; t >= from; t--) { // the nearest action line above the next matched line
            if (lines.get(t).outputActionColumn() > 0) {
                return new Target(t + 1, lines.get(t).outputActionColumn(), Kind.EXPRESSION);
            }
        }
        if (prev >= 0 && lines.get(prev).outputActionColumn() > 0) { // key: {{ toYaml … | nindent 4 }}
            return new Target(prev + 1, lines.get(prev).outputActionColumn(), Kind.EXPRESSION);
        }
        return new Target(0, 0, Kind.UNMAPPED);
    }

    private static int indentOf(String s) {
        int i = 0;
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    /** Splits the template into lines of literal text and actions (actions may span lines). */
    private static List<Line> parse(String template) {
        List<Line> out = new ArrayList<>();
        boolean inAction = false;
        int start = 0;
        int len = template.length();
        while (start <= len) {
            int end = template.indexOf('\n', start);
            if (end < 0) {
                end = len;
            }
            String line = template.substring(start, end);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            StringBuilder regex = new StringBuilder();
            boolean hasLiteral = false;
            int outputColumn = -1;
            int firstAction = -1;
            int i = 0;
            boolean wildcard = false;
            boolean trimRight = false;
            while (i < line.length()) {
                if (inAction) {
                    int close = line.indexOf("}}", i);
                    if (close < 0) {
                        i = line.length();
                    } else {
                        inAction = false;
                        trimRight = close > 0 && line.charAt(close - 1) == '-';
                        i = close + 2;
                    }
                    if (!wildcard) {
                        regex.append(".*");
                        wildcard = true;
                    }
                    continue;
                }
                int open = line.indexOf("{{", i);
                String text = open < 0 ? line.substring(i) : line.substring(i, open);
                boolean trimLeft = open >= 0 && line.startsWith("{{-", open);
                if (trimLeft) {
                    text = text.stripTrailing();
                }
                if (trimRight) {
                    text = text.stripLeading();
                    trimRight = false;
                }
                if (!text.isBlank()) {
                    hasLiteral = true;
                }
                if (!text.isEmpty()) {
                    regex.append(Pattern.quote(text));
                    wildcard = false;
                }
                if (open < 0) {
                    break;
                }
                if (firstAction < 0) {
                    firstAction = open + 1;
                }
                if (outputColumn < 0 && !CONTROL.matcher(line.substring(open)).find()) {
                    outputColumn = open + 1;
                }
                inAction = true;
                i = open + 2;
            }
            String indent = line.substring(0, indentOf(line));
            // "  {{- x }} text" joins the previous line: no line of its own to match
            boolean ownLine = !line.startsWith("{{-", indent.length());
            Pattern matcher = hasLiteral && ownLine ? Pattern.compile(regex.toString()) : null;
            boolean strong = firstAction < 0 || firstAction > indent.length() + 1;
            out.add(new Line(matcher, indent, outputColumn, firstAction, strong));
            start = end + 1;
        }
        return out;
    }
}
