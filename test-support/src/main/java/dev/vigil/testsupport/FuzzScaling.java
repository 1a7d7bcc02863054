package dev.vigil.testsupport;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.opentest4j.AssertionFailedError;

/**
 * The time-scaling property of Vigil's fuzz targets: a parser of untrusted input works in time linear in the input's
 * size, so a fuzzer-chosen shape grown ten times costs at most {@link #MAX_RATIO} times the CPU time (a quadratic path
 * costs about a hundred times; the ratio is generous because the build machine is shared and noisy).
 *
 * <p>The fuzz input is a "pump": cut at its first four NUL bytes into {@code prefix, unit1, middle, unit2, suffix},
 * it becomes {@code prefix + unit1 * k + middle + unit2 * k + suffix} (two units, so balanced shapes such as nesting
 * {@code [[[ ... ]]]} or an opening and closing quote around a long scalar can grow too), for a {@code k} that makes
 * the text about {@code small} and about ten times {@code small} characters long.
 *
 * <p>The measure is the calling thread's CPU time (not wall time: other processes' load does not count), best of
 * three interleaved runs after one warm-up run of each size; a ratio over the bound is measured again with more runs
 * before it fails, so a single preempted or JIT-compiling run does not make the target flake; a ratio still over the
 * bound is then checked one size up (ten and a hundred times {@code small}): a super-linear cost keeps growing
 * there too, while a step between the two smaller sizes (a path the small input never reaches, or the fuzzer's
 * instrumentation costing more on the large text once) does not. Inputs whose large run is too quick to time
 * ({@link #MIN_LARGE_NANOS}) pass.
 */
public final class FuzzScaling {
    /** Allowed CPU-time ratio between an input ten times as large and the small one. */
    public static final double MAX_RATIO = 15.0;

    /** A large run faster than this is not measured: timer granularity and noise dominate. */
    public static final long MIN_LARGE_NANOS = 2_000_000L;

    /** Code under test, run on one grown input; it may throw what the parser documents (checked by the caller). */
    @FunctionalInterface
    public interface Parse {
        void run(String text) throws Exception;
    }

    /** A fuzz input cut into the five parts of a pump; null when it has no non-empty unit. */
    public record Pump(String prefix, String unit1, String middle, String unit2, String suffix) {
        /** The input as UTF-8 text, cut at its first four NUL bytes (missing parts are empty). */
        public static Pump of(byte[] input) {
            String[] p = Arrays.copyOf(new String(input, StandardCharsets.UTF_8).split("\0", 5), 5);
            for (int i = 0; i < 5; i++) {
                p[i] = p[i] == null ? "" : p[i];
            }
            return p[1].isEmpty() && p[3].isEmpty() ? null : new Pump(p[0], p[1], p[2], p[3], p[4]);
        }

        /** The text grown to about {@code size} characters (at least one repetition of each unit). */
        public String grow(int size) {
            int fixed = prefix.length() + middle.length() + suffix.length();
            int per = unit1.length() + unit2.length();
            int k = Math.max(1, (size - fixed + per - 1) / per);
            StringBuilder b = new StringBuilder(fixed + per * k);
            b.append(prefix);
            for (int i = 0; i < k; i++) {
                b.append(unit1);
            }
            b.append(middle);
            for (int i = 0; i < k; i++) {
                b.append(unit2);
            }
            return b.append(suffix).toString();
        }
    }

    private FuzzScaling() {}

    /**
     * Checks that {@code parse} of the pump grown to about {@code small} characters and to ten times that scales
     * linearly. Exceptions of the {@code documented} types are part of parsing (a rejected input must be rejected in
     * linear time too); any other fails, as in {@link FuzzProperties#check}.
     */
    @SafeVarargs
    public static void linear(
            String what, Pump pump, int small, Parse parse, Class<? extends Throwable>... documented) {
        String smallText = pump.grow(small);
        String largeText = pump.grow(small * 10);
        int smallUnits = smallText.length();
        int largeUnits = largeText.length();
        // both sizes once, unmeasured: class loading, first compilation; also the exception contract
        FuzzProperties.check(what + " (small)", () -> parse.run(smallText), documented);
        FuzzProperties.check(what + " (large)", () -> parse.run(largeText), documented);
        long[] best = measure(parse, smallText, largeText, 3);
        if (best[1] < MIN_LARGE_NANOS || ratio(best) <= MAX_RATIO) {
            return;
        }
        long[] again = measure(parse, smallText, largeText, 7);
        if (again[1] < MIN_LARGE_NANOS || ratio(again) <= MAX_RATIO) {
            return;
        }
        String hugeText = pump.grow(small * 100);
        long[] up = measure(parse, largeText, hugeText, 3);
        if (ratio(up) <= MAX_RATIO) {
            return;
        }
        throw new AssertionFailedError(String.format(
                "%s: not linear: %d chars took %.1f ms of CPU, %d chars %.1f ms (ratio %.1f, bound %.0f; first"
                        + " measurement ratio %.1f; %d chars %.1f ms, ratio %.1f one size up)",
                what,
                smallUnits,
                again[0] / 1e6,
                largeUnits,
                again[1] / 1e6,
                ratio(again),
                MAX_RATIO,
                ratio(best),
                hugeText.length(),
                up[1] / 1e6,
                ratio(up)));
    }

    private static double ratio(long[] best) {
        return (double) best[1] / Math.max(1, best[0]);
    }

    private static long[] measure(Parse parse, String small, String large, int rounds) {
        long bestSmall = Long.MAX_VALUE;
        long bestLarge = Long.MAX_VALUE;
        for (int i = 0; i < rounds; i++) {
            bestSmall = Math.min(bestSmall, cpuNanos(parse, small));
            bestLarge = Math.min(bestLarge, cpuNanos(parse, large));
        }
        return new long[] {bestSmall, bestLarge};
    }

    private static long cpuNanos(Parse parse, String text) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        try {
            parse.run(text);
        } catch (Exception e) {
            // documented (the unmeasured runs checked the contract; the same text fails the same way)
        }
        return threads.getCurrentThreadCpuTime() - start;
    }
}
