package dev.vigil.webhook.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code vigil webhook}: the admission webhook's command line ({@code serve}, {@code cert}, {@code install}). */
@Command(
        name = "vigil webhook",
        mixinStandardHelpOptions = true,
        versionProvider = WebhookCommand.Version.class,
        description = "Vigil admission webhook: the policy-linter's engine as a Kubernetes validating and mutating"
                + " webhook.",
        subcommands = {ServeCommand.class, CertCommand.class, InstallCommand.class, CommandLine.HelpCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  success (serve: stopped cleanly)",
            "  1  failure (server could not start, API server refused, unusable file)",
            "  2  usage error (bad option or value, invalid configuration file)"
        })
public final class WebhookCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (no System.exit: testable). */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new WebhookCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExitCodeExceptionMapper(e -> ExitCode.FAILURE.code());
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("vigil webhook: " + ex.getMessage());
            ex.getCommandLine()
                    .getErr()
                    .println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return ExitCode.USAGE.code();
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            if (ex instanceof UsageException) {
                c.getErr().println("vigil webhook: " + ex.getMessage());
                return ExitCode.USAGE.code();
            }
            c.getErr().println("vigil webhook: " + ex.getMessage());
            return ExitCode.FAILURE.code();
        });
        return cl.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A bad option value or configuration: exit 2 with one line. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** The version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = WebhookCommand.class.getPackage().getImplementationVersion();
            return new String[] {"vigil webhook " + (v == null ? "development build" : v)};
        }
    }
}
