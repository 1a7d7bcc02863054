package dev.vigil.policy.report;

import java.io.IOException;
import java.io.Writer;

/** Renders a {@link LintResult} in one format. Implementations are stateless and thread-safe. */
public interface ReportWriter {
    /**
     * Writes the whole report to {@code out} (not closed; flushed).
     *
     * @throws IOException when {@code out} fails
     */
    void write(LintResult result, Writer out) throws IOException;
}
