package dev.vigil.config.cli;

/**
 * The documented exit codes every Vigil command line shares ({@code vigil lint}, {@code vigil code},
 * {@code vigil scan}), printed in each one's {@code --help}.
 */
public enum ExitCode {
    /** Nothing at or above the {@code --fail-on} threshold. */
    OK(0),
    /** (Unsuppressed) findings at or above the {@code --fail-on} threshold. */
    FINDINGS(1),
    /** A usage error, a bad configuration or baseline, or an input that cannot be read or parsed. */
    USAGE_OR_INPUT_ERROR(2);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    /** The numeric process exit status. */
    public int code() {
        return code;
    }
}
