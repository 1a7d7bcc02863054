package dev.vigil.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * The one "did you mean" of every Vigil configuration reader: the known name closest to a misspelt one by edit
 * distance (Levenshtein, case-insensitive), if it is close enough. Callers word the hint themselves, so existing
 * messages keep their exact text.
 */
public final class Suggestions {
    /** Names longer than this are not compared (an edit distance is quadratic); nothing is suggested for them. */
    public static final int MAX_NAME_LENGTH = 256;

    private Suggestions() {}

    /**
     * The known name closest to {@code name} when at most {@code maxDistance} edits away; the first of equally
     * close names wins, so give {@code known} in a stable order.
     */
    public static Optional<String> closest(String name, Collection<String> known, int maxDistance) {
        if (name == null || name.length() > MAX_NAME_LENGTH) {
            return Optional.empty();
        }
        String lower = name.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            if (k == null || k.length() > MAX_NAME_LENGTH) {
                continue;
            }
            int d = distance(lower, k.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return best != null && bestDistance <= maxDistance ? Optional.of(best) : Optional.empty();
    }

    /** {@link #closest} with the usual allowance: a quarter of the name's length, at least one edit. */
    public static Optional<String> closest(String name, Collection<String> known) {
        return closest(name, known, name == null ? 0 : Math.max(1, name.length() / 4));
    }

    /** Levenshtein distance between two strings, as written (case-sensitive). */
    public static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
