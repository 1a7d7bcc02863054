package dev.vigil.vuln;

/** The exit codes of {@code vigil scan}, the same as {@code vigil lint}'s. */
public final class ExitCode {
    /** Nothing at or above {@code --fail-on}. */
    public static final int OK = 0;
    /** Unsuppressed findings at or above {@code --fail-on}. */
    public static final int FINDINGS = 1;
    /** Usage error, bad configuration, an unreadable input or advisory database. */
    public static final int ERROR = 2;

    private ExitCode() {}
}
