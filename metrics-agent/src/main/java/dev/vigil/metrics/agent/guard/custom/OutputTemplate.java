package dev.vigil.metrics.agent.guard.custom;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Falco-style output template: literal text with {@code %field} placeholders ({@code %proc.cmdline},
 * {@code %fd.name}, {@code %proc.aname[2]}). A dot ending a placeholder is punctuation ({@code by %proc.name.}); a
 * {@code %} not followed by a name is literal. A field absent from the event renders as {@code <NA>}.
 */
final class OutputTemplate {
    static final String NA = "<NA>";
    static final int MAX_VALUE_CHARS = 1_000;
    private static final Pattern PLACEHOLDER =
            Pattern.compile("%([A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z0-9_]+)*(?:\\[[^\\]\\s%]{1,64}\\])?)");

    private final List<String> literals = new ArrayList<>();
    private final List<String> fields = new ArrayList<>();

    private OutputTemplate() {}

    /**
     * Parses {@code template}.
     *
     * @throws IllegalArgumentException naming the first placeholder outside the known field groups
     */
    static OutputTemplate parse(String template) {
        OutputTemplate t = new OutputTemplate();
        Matcher m = PLACEHOLDER.matcher(template);
        int at = 0;
        while (m.find()) {
            String field = m.group(1);
            int dot = field.indexOf('.');
            String group = dot < 0 ? field : field.substring(0, dot);
            if (dot < 0 || !CelCondition.GROUPS.contains(group)) {
                throw new IllegalArgumentException("unknown field '%" + Messages.abbreviate(field)
                        + "', expected a field of " + String.join(", ", CelCondition.GROUPS)
                        + " such as %proc.cmdline" + Messages.didYouMean(group, CelCondition.GROUPS));
            }
            t.literals.add(template.substring(at, m.start()));
            t.fields.add(field);
            at = m.end();
        }
        t.literals.add(template.substring(at));
        return t;
    }

    String render(Map<String, String> values) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            b.append(literals.get(i));
            String v = values == null ? null : values.get(fields.get(i));
            b.append(v == null ? NA : clean(v));
        }
        return b.append(literals.get(fields.size())).toString();
    }

    private static String clean(String value) {
        String v = value;
        if (value.length() > MAX_VALUE_CHARS) {
            int end = Character.isHighSurrogate(value.charAt(MAX_VALUE_CHARS - 1))
                    ? MAX_VALUE_CHARS - 1
                    : MAX_VALUE_CHARS;
            v = value.substring(0, end) + "…";
        }
        StringBuilder b = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            b.append(Character.isISOControl(c) ? ' ' : c);
        }
        return b.toString();
    }
}
