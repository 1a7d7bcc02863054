package dev.vigil.metrics.agent.guard.custom;

import dev.vigil.config.Suggestions;
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

    /**
     * {@code " (did you mean 'condition'?)"} when a name of {@code known} is close to {@code name} (the shared
     * {@link Suggestions}, case-insensitive; up to a third of the name's length in edits, at least two), else "".
     */
    static String didYouMean(String name, Collection<String> known) {
        if (name.length() > 64) {
            return "";
        }
        return Suggestions.closest(name, known, Math.max(2, name.length() / 3))
                .map(best -> " (did you mean '" + best + "'?)")
                .orElse("");
    }
}
