package dev.vigil.webhook.cli;

/** Exit codes of {@code vigil webhook}, printed in {@code --help}. */
public enum ExitCode {
    /** Success (serve: stopped cleanly after SIGTERM). */
    OK(0),
    /** The command ran and failed: the server could not start, the API server refused, a file was unusable. */
    FAILURE(1),
    /** Usage error: unknown option, bad value, invalid configuration file. */
    USAGE(2);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
