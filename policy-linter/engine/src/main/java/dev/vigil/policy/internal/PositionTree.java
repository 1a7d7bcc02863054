package dev.vigil.policy.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Source positions of every node of one YAML document, shaped like the document itself. A mapping entry is
 * positioned at its key (the line of {@code privileged: true}), a sequence item at the item.
 */
public final class PositionTree {
    /** The position is the field's own (the default). */
    public static final byte EXACT = 0;
    /** Rendered from a template: the line of the template expression that wrote the field. */
    public static final byte EXPRESSION_LINE = 1;
    /** Rendered from a template whose line could not be told: the file only (line 0). */
    public static final byte FILE_ONLY = 2;

    private final int line;
    private final int column;
    private final byte note;
    private Map<String, PositionTree> fields;
    private List<PositionTree> items;

    public PositionTree(int line, int column) {
        this(line, column, EXACT);
    }

    private PositionTree(int line, int column, byte note) {
        this.line = line;
        this.column = column;
        this.note = note;
    }

    /** Where a position moved to ({@link #remap}). */
    public record Mapped(int line, int column, byte note) {
        public static final Mapped UNMAPPED = new Mapped(0, 0, FILE_ONLY);
    }

    /** How a position moves: from a (line, column) to its new place. */
    @FunctionalInterface
    public interface Remapping {
        Mapped apply(int line, int column);
    }

    /** A copy of this tree with every position moved by {@code remapping} (iterative: any depth). */
    public PositionTree remap(Remapping remapping) {
        java.util.IdentityHashMap<PositionTree, PositionTree> copies = new java.util.IdentityHashMap<>();
        java.util.ArrayDeque<PositionTree> todo = new java.util.ArrayDeque<>();
        todo.push(this);
        java.util.List<PositionTree> order = new java.util.ArrayList<>();
        while (!todo.isEmpty()) {
            PositionTree t = todo.pop();
            if (copies.containsKey(t)) {
                continue;
            }
            Mapped m = remapping.apply(t.line, t.column);
            copies.put(t, new PositionTree(m.line(), m.column(), m.note()));
            order.add(t);
            if (t.fields != null) {
                t.fields.values().forEach(todo::push);
            }
            if (t.items != null) {
                t.items.forEach(todo::push);
            }
        }
        for (PositionTree t : order) {
            PositionTree c = copies.get(t);
            if (t.fields != null) {
                t.fields.forEach((k, v) -> c.putField(k, copies.get(v)));
            }
            if (t.items != null) {
                t.items.forEach(v -> c.addItem(copies.get(v)));
            }
        }
        return copies.get(this);
    }

    /** {@link #EXACT}, {@link #EXPRESSION_LINE} or {@link #FILE_ONLY}. */
    public byte note() {
        return note;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    public void putField(String key, PositionTree child) {
        if (fields == null) {
            fields = new LinkedHashMap<>();
        }
        fields.put(key, child);
    }

    public void addItem(PositionTree child) {
        if (items == null) {
            items = new ArrayList<>();
        }
        items.add(child);
    }

    public PositionTree field(String key) {
        return fields == null ? null : fields.get(key);
    }

    public PositionTree item(int index) {
        return items == null || index < 0 || index >= items.size() ? null : items.get(index);
    }

    /**
     * The deepest node on {@code path} ({@code spec.containers[0].securityContext.privileged}); when the path
     * leaves the document (a missing field), the nearest existing ancestor.
     */
    public PositionTree find(String path) {
        PositionTree node = this;
        int i = 0;
        int n = path.length();
        while (i < n) {
            char c = path.charAt(i);
            PositionTree next;
            if (c == '.') {
                i++;
                continue;
            } else if (c == '[') {
                int close = path.indexOf(']', i);
                if (close < 0) {
                    return node;
                }
                String inside = path.substring(i + 1, close);
                next = isIndex(inside) ? node.item(Integer.parseInt(inside)) : node.field(unquote(inside));
                i = close + 1;
            } else {
                int end = i;
                while (end < n && path.charAt(end) != '.' && path.charAt(end) != '[') {
                    end++;
                }
                next = node.field(path.substring(i, end));
                i = end;
            }
            if (next == null) {
                return node;
            }
            node = next;
        }
        return node;
    }

    private static boolean isIndex(String s) {
        if (s.isEmpty() || s.length() > 9) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && (s.charAt(0) == '"' || s.charAt(0) == '\'') && s.charAt(s.length() - 1) == s.charAt(0)) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }
}
