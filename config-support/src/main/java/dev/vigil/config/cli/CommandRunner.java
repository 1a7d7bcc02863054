package dev.vigil.config.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * How every Vigil command line starts, fails and ends, so each front end only builds its configuration, calls its
 * engine and renders: options parsed by picocli, {@code --help} and {@code --version}, and every failure as one line
 * on stderr with exit code 2, never a stack trace.
 *
 * <p>Needs {@code info.picocli:picocli}, an optional dependency of this artifact: the command line modules declare
 * it themselves, so the other users of {@code vigil-config} never get it.
 */
public final class CommandRunner {
    private CommandRunner() {}

    /** What a command does once its options are parsed. */
    @FunctionalInterface
    public interface Body {
        /** Runs the command; a {@link Usage} or {@link Failure} it throws is printed as one line. */
        ExitCode execute() throws Exception;
    }

    /**
     * Parses {@code args} into {@code command} (a picocli {@code @Command} with the boolean options {@code --help} and
     * {@code --version}, any aliases), then prints the help (plain, to {@code out}), prints {@code name version} or
     * runs {@code body}. Declared with {@code usageHelp}/{@code versionHelp}, they win over a bad option (picocli
     * ignores it, as {@code vigil code} always has); declared as plain booleans, the bad option is reported (as
     * {@code vigil lint} always has). Never throws: a bad option or a {@link Usage} prints
     * {@code name: message} and a pointer to {@code --help}, a {@link Failure} prints {@code name: message}, anything
     * else {@code name: internal error: ...}, each exit 2. Flushes both streams.
     *
     * @param name the command as users type it, e.g. {@code vigil lint}
     * @return the process exit status
     */
    public static int run(
            String name,
            Object command,
            String[] args,
            PrintStream out,
            PrintStream err,
            Supplier<String> version,
            Body body) {
        try {
            CommandLine cli = new CommandLine(command);
            CommandLine.ParseResult parsed;
            try {
                parsed = cli.parseArgs(args);
            } catch (CommandLine.ParameterException e) {
                return usageError(name, err, e.getMessage());
            }
            if (parsed.hasMatchedOption("--help")) {
                cli.usage(out, CommandLine.Help.Ansi.OFF);
                return ExitCode.OK.code();
            }
            if (parsed.hasMatchedOption("--version")) {
                out.println(name + " " + version.get());
                return ExitCode.OK.code();
            }
            return body.execute().code();
        } catch (Usage e) {
            return usageError(name, err, e.getMessage());
        } catch (Failure e) {
            err.println(name + ": " + e.getMessage());
            return ExitCode.USAGE_OR_INPUT_ERROR.code();
        } catch (Throwable e) { // never a stack trace: one line, exit 2
            err.println(name + ": internal error: " + e);
            return ExitCode.USAGE_OR_INPUT_ERROR.code();
        } finally {
            out.flush();
            err.flush();
        }
    }

    /**
     * For a command picocli executes itself ({@link CommandLine#execute}): a bad option prints {@code name: message}
     * (one line, no pointer to {@code --help}), an exception thrown by the command {@code name: internal error: ...};
     * both exit 2.
     *
     * @return {@code cli}
     */
    public static CommandLine oneLineErrors(CommandLine cli, String name, PrintWriter err) {
        cli.setExecutionExceptionHandler((e, c, parsed) -> {
            err.println(name + ": internal error: " + e);
            return ExitCode.USAGE_OR_INPUT_ERROR.code();
        });
        cli.setParameterExceptionHandler((e, args) -> {
            err.println(name + ": " + e.getMessage());
            return ExitCode.USAGE_OR_INPUT_ERROR.code();
        });
        return cli;
    }

    /**
     * The value {@code parse} returns (an option's value parsed); the {@link IllegalArgumentException} it throws
     * becomes a {@link Usage} error whose message is {@code prefix} (e.g. {@code "--format: "}, or empty when the
     * parser names the option itself) followed by the exception's.
     */
    public static <T> T parse(String prefix, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new Usage(prefix + e.getMessage());
        }
    }

    private static int usageError(String name, PrintStream err, String message) {
        err.println(name + ": " + message);
        err.println("Try '" + name + " --help' for the options.");
        return ExitCode.USAGE_OR_INPUT_ERROR.code();
    }

    /** A usage error (a bad option value, a missing argument): printed with a pointer to {@code --help}, exit 2. */
    public static final class Usage extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Usage(String message) {
            super(message, null, false, false);
        }
    }

    /** Bad input (a path, the configuration, a baseline): printed as one line, exit 2. */
    public static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Failure(String message) {
            super(message, null, false, false);
        }
    }
}
