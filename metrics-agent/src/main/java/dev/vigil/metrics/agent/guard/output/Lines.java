package dev.vigil.metrics.agent.guard.output;

/** One event, one line. */
final class Lines {
    private Lines() {}

    /** {@code s} with CR and LF replaced by spaces (whitespace between JSON tokens; invalid inside strings anyway). */
    static String oneLine(String s) {
        return s.indexOf('\n') < 0 && s.indexOf('\r') < 0
                ? s
                : s.replace('\n', ' ').replace('\r', ' ');
    }
}
