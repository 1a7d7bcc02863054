package dev.vigil.metrics.agent.guard.custom;

import java.util.Collection;

/** Small helpers for one-line error messages. */
final class Messages {
    private static final int SHOWN = 60;

    private Messages() {}

    /** {@code text} on one line (control characters become spaces), at most 60 characters. */
    static String abbreviate(String text) {
        String one = oneLine(text);
        return one.length() <= SHOWN ? one : one.substring(0, SHOWN) + "…";
    }

    /** {@code text} with every control character (line breaks included) replaced by a space. */
    static String oneLine(String text) {
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return b.toString().strip();
    }

    /** {@code " (did you mean 'condition'?)"} when a name of {@code known} is close to {@code name}, else "". */
    static String didYouMean(String name, Collection<String> known) {
        if (name.length() > 64) {
            return "";
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(name.toLowerCase(java.util.Locale.ROOT), k.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= Math.max(2, name.length() / 3) ? " (did you mean '" + best + "'?)" : "";
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
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
