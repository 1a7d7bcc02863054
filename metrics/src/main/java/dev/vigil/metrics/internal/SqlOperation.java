package dev.vigil.metrics.internal;

/**
 * The {@code operation} of a SQL statement from its first keyword, without keeping or logging any of its text:
 * {@code select}, {@code insert}, {@code update}, {@code delete}, {@code merge}, {@code call}, {@code ddl} (create,
 * alter, drop, truncate) or {@code other}. Skips whitespace, {@code --} and (nested) {@code /* *}{@code /} comments,
 * opening parentheses and a JDBC escape ({@code {call ...}}, {@code {? = call ...}}); a {@code WITH} clause is looked
 * through to the statement after its common table expressions. Reads at most {@link #MAX_SCAN} characters; never
 * throws.
 */
public final class SqlOperation {
    public static final String SELECT = "select";
    public static final String INSERT = "insert";
    public static final String UPDATE = "update";
    public static final String DELETE = "delete";
    public static final String MERGE = "merge";
    public static final String CALL = "call";
    public static final String DDL = "ddl";
    public static final String OTHER = "other";
    /** {@code executeBatch} / {@code executeLargeBatch}. */
    public static final String BATCH = "batch";

    /** How far a {@code WITH} clause is followed before giving up ({@code other}). */
    static final int MAX_SCAN = 8192;

    private SqlOperation() {}

    /** The operation of {@code sql}; {@code other} for null, empty or unrecognised text. */
    public static String of(String sql) {
        if (sql == null) {
            return OTHER;
        }
        try {
            int limit = Math.min(sql.length(), MAX_SCAN);
            int i = skip(sql, 0, limit, true);
            int end = wordEnd(sql, i, limit);
            String op = keyword(sql, i, end);
            if (op != null) {
                return op;
            }
            if (is(sql, i, end, "with")) {
                return afterWith(sql, end, limit);
            }
            return OTHER;
        } catch (RuntimeException e) {
            return OTHER;
        }
    }

    /**
     * After {@code WITH}: the first keyword at parenthesis depth 0 that starts a statement, skipping the CTE names,
     * column lists, bodies, {@code RECURSIVE}, {@code AS}, {@code [NOT] MATERIALIZED} and commas.
     */
    private static String afterWith(String sql, int from, int limit) {
        int depth = 0;
        int i = from;
        while (i < limit) {
            i = skip(sql, i, limit, false);
            if (i >= limit) {
                break;
            }
            char c = sql.charAt(i);
            if (c == '(') {
                depth++;
                i++;
            } else if (c == ')') {
                depth--;
                i++;
            } else if (c == '\'' || c == '"' || c == '`' || c == '[') {
                i = quoteEnd(sql, i, limit);
            } else if (Character.isLetter(c) || c == '_') {
                int end = wordEnd(sql, i, limit);
                if (depth == 0) {
                    String op = keyword(sql, i, end);
                    if (op != null && !DDL.equals(op) && !CALL.equals(op)) {
                        return op;
                    }
                }
                i = end;
            } else {
                i++;
            }
        }
        return OTHER;
    }

    private static String keyword(String sql, int from, int end) {
        switch (end - from) {
            case 4:
                return is(sql, from, end, "call") || is(sql, from, end, "exec")
                        ? CALL
                        : is(sql, from, end, "drop") ? DDL : null;
            case 5:
                return is(sql, from, end, "merge") ? MERGE : is(sql, from, end, "alter") ? DDL : null;
            case 6:
                if (is(sql, from, end, "select")) {
                    return SELECT;
                } else if (is(sql, from, end, "insert")) {
                    return INSERT;
                } else if (is(sql, from, end, "update")) {
                    return UPDATE;
                } else if (is(sql, from, end, "delete")) {
                    return DELETE;
                } else if (is(sql, from, end, "create")) {
                    return DDL;
                }
                return is(sql, from, end, "upsert") ? INSERT : null;
            case 7:
                return is(sql, from, end, "execute") ? CALL : null;
            case 8:
                return is(sql, from, end, "truncate") ? DDL : null;
            default:
                return null;
        }
    }

    /** Skips whitespace and comments; at the start also {@code (}, {@code {} and {@code ? =} of a JDBC escape. */
    private static int skip(String sql, int from, int limit, boolean start) {
        int i = from;
        while (i < limit) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c) || c == ';' || (start && (c == '(' || c == '{' || c == '?' || c == '='))) {
                i++;
            } else if (c == '-' && i + 1 < limit && sql.charAt(i + 1) == '-') {
                while (i < limit && sql.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '#' && start) {
                while (i < limit && sql.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < limit && sql.charAt(i + 1) == '*') {
                int depth = 0;
                while (i < limit) {
                    if (sql.startsWith("/*", i)) {
                        depth++;
                        i += 2;
                    } else if (sql.startsWith("*/", i)) {
                        depth--;
                        i += 2;
                        if (depth == 0) {
                            break;
                        }
                    } else {
                        i++;
                    }
                }
            } else {
                return i;
            }
        }
        return i;
    }

    private static int quoteEnd(String sql, int from, int limit) {
        char open = sql.charAt(from);
        char close = open == '[' ? ']' : open;
        int i = from + 1;
        while (i < limit) {
            if (sql.charAt(i) == close) {
                if (close == '\'' && i + 1 < limit && sql.charAt(i + 1) == '\'') {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return limit;
    }

    private static int wordEnd(String sql, int from, int limit) {
        int i = from;
        while (i < limit) {
            char c = sql.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '$')) {
                break;
            }
            i++;
        }
        return i;
    }

    private static boolean is(String sql, int from, int end, String word) {
        return end - from == word.length() && sql.regionMatches(true, from, word, 0, word.length());
    }
}
