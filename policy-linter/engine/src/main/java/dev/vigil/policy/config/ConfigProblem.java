package dev.vigil.policy.config;

/**
 * One thing wrong in a configuration file, shown as {@code file:line: key: what is wrong, expected …}.
 *
 * @param file the file as the user named it
 * @param line 1-based line of the offending key, 0 when the problem concerns the whole file
 * @param key the offending key as a path, e.g. {@code exemptions[0].reason}; empty for the whole file
 * @param message what is wrong and what was expected
 */
public record ConfigProblem(String file, int line, String key, String message) {
    @Override
    public String toString() {
        String where = line > 0 ? file + ":" + line : file;
        return key.isEmpty() ? where + ": " + message : where + ": " + key + ": " + message;
    }
}
