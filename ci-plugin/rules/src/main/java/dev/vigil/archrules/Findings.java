package dev.vigil.archrules;

/** Where a {@link ClassCheck} reports; suppressed findings are dropped by the sink. */
interface Findings {
    /**
     * Reports one finding.
     *
     * @param member method, constructor or field name; empty for the class itself
     * @param line source line, 0 when unknown
     * @param detail stable description of the finding (no line numbers), part of the baseline fingerprint
     * @param message the sentence users read
     */
    default void report(String member, int line, String detail, String message) {
        report(member, line, detail, message, java.util.List.of());
    }

    /**
     * Reports one finding with the data-flow path that leads to it.
     *
     * @param path source, propagation steps and sink, each with its file and line; empty for non-flow findings
     */
    void report(
            String member, int line, String detail, String message, java.util.List<dev.vigil.archrules.flow.Step> path);
}
