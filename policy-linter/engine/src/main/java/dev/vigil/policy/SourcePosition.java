package dev.vigil.policy;

/**
 * Where something is in an input file. Lines and columns count from 1; a column of 0 means "the whole line".
 *
 * @param file the file as the user named it (relative when given relative), or {@code <stdin>}
 * @param line 1-based line, 0 when unknown
 * @param column 1-based column, 0 when unknown
 */
public record SourcePosition(String file, int line, int column) {
    /** A position for objects that did not come from a file (for example an AdmissionReview). */
    public static SourcePosition unknown(String source) {
        return new SourcePosition(source, 0, 0);
    }

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ":" + column : file;
    }
}
