package dev.vigil.policy.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Untrusted input is read or rejected in time linear in its size: for each hostile shape, an input ten times as
 * large may cost at most fifteen times the CPU time of the small one. Not a benchmark: the measure is the loading
 * thread's CPU time, best of several interleaved runs after a warm-up, and the ratio is generous, so a noisy
 * machine does not make it flake; a quadratic path (e.g. a 4 MB scalar once cost 3.6 s, a 20 MB one 67 s) still
 * fails it by a wide margin.
 */
class LoaderScalingTest {
    private static final int ROUNDS = 5;
    private static final double MAX_RATIO = 15.0;

    /** Limits large enough that the big inputs are read, not rejected (the default limits are tested elsewhere). */
    private static final LoadLimits ROOMY = new LoadLimits(64L << 20, 200_000, 16 << 20, 10_000_000);

    /** A small scalar limit, so that both sizes of a long scalar are rejected (the 20 MB scalar case, scaled). */
    private static final LoadLimits SMALL_SCALARS = new LoadLimits(64L << 20, 100, 10_000, 10_000_000);

    record Shape(IntFunction<String> input, int small, LoadLimits limits, Consumer<LoadResult> expect) {}

    static Stream<Named<Shape>> shapes() {
        return Stream.of(
                Named.of(
                        "long plain scalar",
                        new Shape(n -> object("  k: " + "x".repeat(n) + "\n"), 50_000, ROOMY, LoaderScalingTest::one)),
                Named.of(
                        "long plain scalar over the scalar limit",
                        new Shape(
                                n -> object("  k: " + "x".repeat(n) + "\n"),
                                50_000,
                                SMALL_SCALARS,
                                LoaderScalingTest::rejected)),
                Named.of(
                        "long double-quoted scalar",
                        new Shape(
                                n -> object("  k: \"" + "x".repeat(n) + "\\t\"\n"),
                                50_000,
                                ROOMY,
                                LoaderScalingTest::one)),
                Named.of(
                        "long single-quoted scalar over the scalar limit",
                        new Shape(
                                n -> object("  k: '" + "x".repeat(n) + "''x'\n"),
                                50_000,
                                SMALL_SCALARS,
                                LoaderScalingTest::rejected)),
                Named.of(
                        "long folded scalar",
                        new Shape(
                                n -> object("  k: >\n" + ("    " + "y".repeat(76) + "\n").repeat(n / 81)),
                                50_000,
                                ROOMY,
                                LoaderScalingTest::one)),
                Named.of(
                        "deep flow nesting",
                        new Shape(LoaderScalingTest::flowNesting, 50_000, LoadLimits.DEFAULT, LoaderScalingTest::one)),
                Named.of(
                        "deep flow nesting over the depth limit",
                        new Shape(
                                n -> object("  k: " + "[".repeat(n / 2) + "]".repeat(n / 2) + "\n"),
                                50_000,
                                LoadLimits.DEFAULT,
                                LoaderScalingTest::rejected)),
                Named.of(
                        "deep block nesting",
                        new Shape(LoaderScalingTest::blockNesting, 40_000, ROOMY, LoaderScalingTest::one)),
                Named.of(
                        "many documents",
                        new Shape(
                                n -> "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\n"
                                        .repeat(n / 60),
                                50_000,
                                ROOMY,
                                r -> assertThat(r.problems()).isEmpty())),
                Named.of(
                        "many keys",
                        new Shape(
                                n -> object(keys(n / 16, "  key%07d: value\n")),
                                50_000,
                                ROOMY,
                                LoaderScalingTest::one)),
                Named.of(
                        "long line of flow entries",
                        new Shape(
                                n -> object("  k: {" + keys(n / 16, "k%07d: v, ") + "last: v}\n"),
                                50_000,
                                ROOMY,
                                LoaderScalingTest::one)),
                Named.of(
                        "anchors and aliases",
                        new Shape(LoaderScalingTest::aliases, 50_000, ROOMY, LoaderScalingTest::one)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void tenTimesTheInputCostsAtMostFifteenTimesTheTime(Shape shape) {
        String small = shape.input().apply(shape.small());
        String large = shape.input().apply(shape.small() * 10);
        ManifestLoader loader = new ManifestLoader(shape.limits(), InputStream.nullInputStream());
        for (int warmUp = 0; warmUp < 2; warmUp++) { // the first runs pay for class loading and compilation
            shape.expect().accept(loader.loadText(small, "small.yaml"));
            shape.expect().accept(loader.loadText(large, "large.yaml"));
        }
        long bestSmall = Long.MAX_VALUE;
        long bestLarge = Long.MAX_VALUE;
        for (int i = 0; i < ROUNDS; i++) {
            bestSmall = Math.min(bestSmall, cpuNanos(() -> loader.loadText(small, "small.yaml")));
            bestLarge = Math.min(bestLarge, cpuNanos(() -> loader.loadText(large, "large.yaml")));
        }
        double ratio = (double) bestLarge / Math.max(1, bestSmall);
        assertThat(ratio)
                .as(
                        "CPU time of a %d-char input vs. a %d-char one: %.1f ms vs. %.1f ms",
                        large.length(), small.length(), bestLarge / 1e6, bestSmall / 1e6)
                .isLessThanOrEqualTo(MAX_RATIO);
    }

    private static long cpuNanos(Runnable work) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        work.run();
        return threads.getCurrentThreadCpuTime() - start;
    }

    private static String object(String data) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n" + data;
    }

    private static String keys(int count, String format) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < count; i++) {
            b.append(String.format(format, i));
        }
        return b.toString();
    }

    /** Block mappings nested as deep as the size allows (the indentation grows with the depth). */
    private static String blockNesting(int size) {
        StringBuilder b = new StringBuilder(object(""));
        // many sibling chains of depth 90 (the default limit is 100), until the size is reached
        int chain = 0;
        while (b.length() < size) {
            for (int d = 0; d < 90; d++) {
                b.append(" ".repeat(2 + 2 * d))
                        .append(d == 0 ? "c" + chain++ : "n")
                        .append(":\n");
            }
            b.append(" ".repeat(182)).append("leaf: x\n");
        }
        return b.toString();
    }

    /** Flow sequences nested 90 deep (the default limit is 100), one per line, until the size is reached. */
    private static String flowNesting(int size) {
        StringBuilder b = new StringBuilder(object("  k:\n"));
        while (b.length() < size) {
            b.append("    - ")
                    .append("[".repeat(90))
                    .append("x")
                    .append("]".repeat(90))
                    .append('\n');
        }
        return b.toString();
    }

    /** Many anchored mappings, each used through several aliases. */
    private static String aliases(int size) {
        StringBuilder b = new StringBuilder(object(""));
        int i = 0;
        while (b.length() < size) {
            b.append("  a").append(i).append(": &x").append(i).append(" {p: 1, q: [2, 3]}\n");
            b.append("  b")
                    .append(i)
                    .append(": [*x")
                    .append(i)
                    .append(", *x")
                    .append(i)
                    .append("]\n");
            i++;
        }
        return b.toString();
    }

    private static void one(LoadResult r) {
        assertThat(r.problems()).isEmpty();
        assertThat(r.resources()).hasSize(1);
    }

    private static void rejected(LoadResult r) {
        assertThat(r.problems()).singleElement().asString().containsAnyOf("exceeds the limit", "nesting deeper than");
    }
}
