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
    private final int line;
    private final int column;
    private Map<String, PositionTree> fields;
    private List<PositionTree> items;

    public PositionTree(int line, int column) {
        this.line = line;
        this.column = column;
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
