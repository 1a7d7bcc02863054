package dev.vigil.policy.internal;

import java.util.Arrays;
import java.util.HashMap;
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
    /** Made by {@link #remap}: only such trees can hold a note other than {@link #EXACT}. */
    private final boolean remapped;
    // compact: a document has as many of these as nodes, so no map or list object per node. Fields are looked up
    // by a linear scan while few (mappings are small), through an index map built once they are many.
    private String[] keys;
    private PositionTree[] children;
    private int size;
    private Map<String, PositionTree> index;

    public PositionTree(int line, int column) {
        this.line = line;
        this.column = column;
        this.note = EXACT;
        this.remapped = false;
    }

    private PositionTree(int line, int column, byte note) {
        this.line = line;
        this.column = column;
        this.note = note;
        this.remapped = true;
    }

    /**
     * False when every position of this tree is the field's own ({@link #EXACT}), as in any tree read from a file;
     * true for trees made by {@link #remap}, whose nodes may carry notes. Lets reports skip looking notes up.
     */
    public boolean mayHaveNotes() {
        return remapped;
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
            for (int i = 0; i < t.size; i++) {
                todo.push(t.children[i]);
            }
        }
        for (PositionTree t : order) {
            PositionTree c = copies.get(t);
            for (int i = 0; i < t.size; i++) {
                if (t.keys != null) {
                    c.putField(t.keys[i], copies.get(t.children[i]));
                } else {
                    c.addItem(copies.get(t.children[i]));
                }
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

    /** Adds a mapping entry (keys are unique: the loader refuses duplicate keys). */
    public void putField(String key, PositionTree child) {
        if (keys == null) {
            if (size > 0) {
                throw new IllegalStateException("a sequence's positions cannot take a field");
            }
            keys = new String[4];
        }
        grow();
        keys[size] = key;
        children[size++] = child;
        if (index != null) {
            index.put(key, child);
        } else if (size > INDEX_AT) {
            index = new HashMap<>(size * 2);
            for (int i = 0; i < size; i++) {
                index.put(keys[i], children[i]);
            }
        }
    }

    public void addItem(PositionTree child) {
        if (keys != null) {
            throw new IllegalStateException("a mapping's positions cannot take an item");
        }
        grow();
        children[size++] = child;
    }

    private static final int INDEX_AT = 16;

    private void grow() {
        if (children == null) {
            children = new PositionTree[4];
        } else if (size == children.length) {
            children = Arrays.copyOf(children, size * 2);
            if (keys != null) {
                keys = Arrays.copyOf(keys, size * 2);
            }
        }
    }

    public PositionTree field(String key) {
        if (keys == null) {
            return null;
        }
        if (index != null) {
            return index.get(key);
        }
        for (int i = 0; i < size; i++) {
            if (keys[i].equals(key)) {
                return children[i];
            }
        }
        return null;
    }

    public PositionTree item(int index) {
        return keys != null || index < 0 || index >= size ? null : children[index];
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
