package dev.vigil.config.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.config.Durations;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The run loop the command lines share: what each outcome prints, to which stream, with which exit code. */
class CommandRunnerTest {
    @Command(name = "vigil demo", versionProvider = ToolVersion.Provider.class)
    static final class Demo implements Callable<Integer> {
        @Option(names = "--then", paramLabel = "OUTCOME", description = "ok, findings, usage, failure or bug.")
        String then = "ok";

        @Option(names = "--count", paramLabel = "N", description = "A number.")
        int count;

        @Option(
                names = {"-h", "--help"},
                usageHelp = true,
                description = "Show this help and exit.")
        boolean help;

        @Option(
                names = {"-V", "--version"},
                versionHelp = true,
                description = "Print the version and exit.")
        boolean version;

        ExitCode execute() {
            return switch (then) {
                case "ok" -> ExitCode.OK;
                case "findings" -> ExitCode.FINDINGS;
                case "usage" -> throw new CommandRunner.Usage("--then: not now");
                case "failure" -> throw new CommandRunner.Failure("in.yaml: cannot be read");
                case "parse" ->
                    CommandRunner.parse("--then: ", () -> Durations.parseOrThrow("soon")) == null
                            ? ExitCode.OK
                            : ExitCode.FINDINGS;
                default -> throw new IllegalStateException("boom");
            };
        }

        @Override
        public Integer call() {
            return execute().code();
        }
    }

    /** --help and --version as plain booleans: a bad option is reported even beside them. */
    @Command(name = "vigil plain")
    static final class Plain {
        @Option(
                names = {"-h", "--help"},
                description = "Show this help and exit.")
        boolean help;

        @Option(
                names = {"-V", "--version"},
                description = "Print the version and exit.")
        boolean version;
    }

    record Outcome(int exit, String out, String err) {}

    private static Outcome run(String... args) {
        return run(new Demo(), args);
    }

    private static Outcome run(Object command, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Demo demo = command instanceof Demo d ? d : new Demo();
        int exit = CommandRunner.run(
                "vigil demo",
                command,
                args,
                new PrintStream(out, false, StandardCharsets.UTF_8),
                new PrintStream(err, false, StandardCharsets.UTF_8),
                () -> "9.9",
                demo::execute);
        return new Outcome(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theBodysExitCodeIsTheProcessExitCode() {
        assertThat(run()).isEqualTo(new Outcome(0, "", ""));
        assertThat(run("--then", "findings")).isEqualTo(new Outcome(1, "", ""));
    }

    @Test
    void badOptionsAndUsageErrorsAreOneLineAndAPointerToHelp() {
        String hint = "Try 'vigil demo --help' for the options.\n";
        assertThat(run("--bogus")).isEqualTo(new Outcome(2, "", "vigil demo: Unknown option: '--bogus'\n" + hint));
        assertThat(run("--count", "x").err()).startsWith("vigil demo: Invalid value for option '--count'");
        assertThat(run("--then", "usage")).isEqualTo(new Outcome(2, "", "vigil demo: --then: not now\n" + hint));
        assertThat(run("--then", "parse").err())
                .startsWith("vigil demo: --then: ")
                .endsWith("\n" + hint);
    }

    @Test
    void badInputIsOneLineAndAnyOtherExceptionAnInternalErrorWithoutAStackTrace() {
        assertThat(run("--then", "failure")).isEqualTo(new Outcome(2, "", "vigil demo: in.yaml: cannot be read\n"));
        assertThat(run("--then", "bug"))
                .isEqualTo(new Outcome(2, "", "vigil demo: internal error: java.lang.IllegalStateException: boom\n"));
    }

    @Test
    void helpAndVersionGoToStdoutAndExitZero() {
        Outcome help = run("--help", "--then", "bug");
        assertThat(help.exit()).isZero();
        assertThat(help.err()).isEmpty();
        assertThat(help.out())
                .startsWith("Usage: vigil demo")
                .contains("--then=OUTCOME")
                .doesNotContain("\u001b[");
        assertThat(run("--version")).isEqualTo(new Outcome(0, "vigil demo 9.9\n", ""));
        assertThat(run("-hV").out()).startsWith("Usage: vigil demo");
        assertThat(run("-V", "--then", "bug")).isEqualTo(new Outcome(0, "vigil demo 9.9\n", ""));
    }

    @Test
    void helpDeclaredAsUsageHelpWinsOverABadOptionAsAPlainBooleanItDoesNot() {
        assertThat(run("--bogus", "-h").exit()).isZero();
        assertThat(run("--help", "--bogus").out()).startsWith("Usage: vigil demo");
        Outcome plain = run(new Plain(), "--help", "--bogus");
        assertThat(plain.exit()).isEqualTo(2);
        assertThat(plain.out()).isEmpty();
        assertThat(plain.err()).startsWith("vigil demo: Unknown option: '--bogus'\n");
        assertThat(run(new Plain(), "-h").out()).startsWith("Usage: vigil plain");
        assertThat(run(new Plain(), "-V")).isEqualTo(new Outcome(0, "vigil demo 9.9\n", ""));
    }

    @Test
    void commandsPicocliExecutesFailOnOneLineToo() {
        StringWriter err = new StringWriter();
        CommandLine cli =
                CommandRunner.oneLineErrors(new CommandLine(new Demo()), "vigil demo", new PrintWriter(err, true));
        assertThat(cli.execute("--bogus")).isEqualTo(2);
        assertThat(cli.execute("--then", "bug")).isEqualTo(2);
        assertThat(cli.execute("--then", "findings")).isEqualTo(1);
        assertThat(err.toString().lines())
                .containsExactly(
                        "vigil demo: Unknown option: '--bogus'",
                        "vigil demo: internal error: java.lang.IllegalStateException: boom");
    }

    @Test
    void theVersionComesFromTheCommandsPackage() {
        assertThat(ToolVersion.asBuilt(Demo.class, "unknown")).isEqualTo("1.2.3-SNAPSHOT");
        assertThat(ToolVersion.release(Demo.class)).isEqualTo("1.2.3");
        assertThat(ToolVersion.asBuilt(Durations.class, "unknown")).isEqualTo("unknown");
        assertThat(ToolVersion.release(Durations.class)).isEqualTo("0.0.0");
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new Demo()).setOut(new PrintWriter(out, true));
        assertThat(cli.execute("--version")).isZero();
        assertThat(out.toString()).isEqualTo("vigil demo 1.2.3\n");
    }
}
