package dev.vigil.policy.load;

/**
 * An input that could not be read or parsed. Shown to users as {@code file:line:col: message} ({@code file:line:}
 * when the column is not known, {@code file:} when the line is not).
 *
 * @param file the file as the user named it
 * @param line 1-based line, 0 when the problem concerns the whole file
 * @param column 1-based column, 0 when unknown
 * @param message what is wrong, in one line
 */
public record LoadProblem(String file, int line, int column, String message) {
    @Override
    public String toString() {
        if (line <= 0) {
            return file + ": " + message;
        }
        return column > 0 ? file + ":" + line + ":" + column + ": " + message : file + ":" + line + ": " + message;
    }
}
