package dev.vigil.lint.cli;

import java.io.Console;
import java.io.PrintStream;

/** Whether output goes to a terminal, so the text report may use colour. */
final class Terminal {
    private Terminal() {}

    /**
     * True when {@code out} is the process's stdout, it is a terminal, and {@code NO_COLOR} is not set
     * (https://no-color.org).
     */
    static boolean colour(PrintStream out) {
        if (out != System.out || System.getenv("NO_COLOR") != null || "dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try { // JDK 22+: System.console() is non-null even when redirected; isTerminal() tells
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 17-21: console() is null unless stdin and stdout are a terminal
        }
    }
}
