package dev.vigil.bench.webhook;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The command line shared by {@link LoadGenerator} and {@link BlockingLoadGenerator}: {@code --name value} pairs.
 * An unknown option, a missing value or a value that is not a number is a one-line error (exit 2), not a stack
 * trace or a silently ignored option.
 *
 * @param url the webhook's {@code /validate} URL (required)
 * @param ca the CA bundle verifying the server (required)
 * @param mode {@code open} (constant rate) or {@code closed} (back to back)
 * @param rate requests per second (open loop)
 * @param connections connections opened before an open-loop run
 * @param maxConnections the most connections an open-loop run may open on demand
 * @param concurrency connections of a closed-loop run
 * @param timeoutSeconds the API server's deadline ({@code ?timeout=}), from the intended send time
 * @param warmupSeconds unmeasured load before the measurement
 * @param durationSeconds the measurement
 * @param phase the label of the result line
 * @param loops event loops (threads), each with its share of the rate and the connections ({@link LoadGenerator}
 *     only): one loop keeps ~15,000 requests/s on one core; more let the generator use more cores
 */
record GeneratorOptions(
        URI url,
        Path ca,
        String mode,
        double rate,
        int connections,
        int maxConnections,
        int concurrency,
        double timeoutSeconds,
        double warmupSeconds,
        double durationSeconds,
        String phase,
        int loops) {

    private static final Set<String> NAMES = Set.of(
            "url",
            "ca",
            "mode",
            "rate",
            "connections",
            "max-connections",
            "concurrency",
            "timeout",
            "warmup",
            "duration",
            "phase",
            "loops");

    boolean open() {
        return mode.equals("open");
    }

    long deadlineNanos() {
        return (long) (timeoutSeconds * 1e9);
    }

    /** The parsed options, or a one-line message on stderr and exit 2. */
    static GeneratorOptions parseOrExit(String program, String[] args) {
        try {
            return parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(program + ": " + e.getMessage());
            System.exit(2);
            throw e; // not reached
        }
    }

    static GeneratorOptions parse(String[] args) {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : null;
            if (name == null || !NAMES.contains(name)) {
                throw new IllegalArgumentException("unknown option '" + args[i] + "' (known: --"
                        + String.join(", --", NAMES.stream().sorted().toList()) + ")");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option --" + name + " needs a value");
            }
            a.put(name, args[i + 1]);
        }
        String mode = a.getOrDefault("mode", "open");
        if (!mode.equals("open") && !mode.equals("closed")) {
            throw new IllegalArgumentException("--mode must be open or closed, got '" + mode + "'");
        }
        if (!a.containsKey("url") || !a.containsKey("ca")) {
            throw new IllegalArgumentException("--url and --ca are required");
        }
        int connections = positiveInt(a, "connections", "64");
        return new GeneratorOptions(
                URI.create(a.get("url")),
                Path.of(a.get("ca")),
                mode,
                number(a, "rate", "1000"),
                connections,
                positiveInt(a, "max-connections", String.valueOf(connections)),
                positiveInt(a, "concurrency", "32"),
                number(a, "timeout", "3"),
                number(a, "warmup", "5"),
                number(a, "duration", "20"),
                a.getOrDefault("phase", mode),
                positiveInt(a, "loops", "1"));
    }

    private static double number(Map<String, String> a, String name, String fallback) {
        String v = a.getOrDefault(name, fallback);
        try {
            double d = Double.parseDouble(v);
            if (!(d >= 0) || Double.isInfinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number >= 0, got '" + v + "'");
        }
    }

    private static int positiveInt(Map<String, String> a, String name, String fallback) {
        String v = a.getOrDefault(name, fallback);
        try {
            int n = Integer.parseInt(v);
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number >= 1, got '" + v + "'");
        }
    }
}
