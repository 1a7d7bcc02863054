package dev.vigil.lint.cli;

/** The documented exit codes of {@code vigil lint}. */
public enum ExitCode {
    /** Nothing at or above the {@code --fail-on} threshold. */
    OK(0),
    /** Findings at or above the {@code --fail-on} threshold. */
    FINDINGS(1),
    /** A usage error, or an input that cannot be read or parsed. */
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
