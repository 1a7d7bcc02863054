package dev.vigil.testsupport;

import java.time.Duration;
import java.util.Set;
import org.opentest4j.AssertionFailedError;

/**
 * Properties every fuzz target asserts about a parser of untrusted input: only the documented exception types
 * escape, and one input never takes longer than a bound (the fuzzer's inputs are a few KiB, so a bound of seconds
 * means "no hang, no super-linear blow-up"; the bound is generous because the build machine is shared and Jazzer's
 * instrumentation slows everything down; targets warm their parsers up once outside the bound).
 */
public final class FuzzProperties {
    /** Per-input time bound used by Vigil's fuzz targets unless they say otherwise. */
    public static final Duration PER_INPUT = Duration.ofSeconds(10);

    /** Code under test. */
    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }

    private FuzzProperties() {}

    /**
     * Runs {@code body}; an exception of one of the {@code documented} types is accepted (returned), any other
     * exception or error fails with the input's description, and so does a run longer than {@link #PER_INPUT}.
     *
     * @return the documented exception thrown, or null
     */
    @SafeVarargs
    public static Throwable check(String what, Body body, Class<? extends Throwable>... documented) {
        long start = System.nanoTime();
        Throwable thrown = null;
        try {
            body.run();
        } catch (AssertionError e) {
            throw e;
        } catch (Throwable t) {
            if (Set.of(documented).stream().noneMatch(c -> c.isInstance(t))) {
                throw new AssertionFailedError(
                        what + ": undocumented " + t.getClass().getName() + ": " + t.getMessage(), t);
            }
            thrown = t;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (took.compareTo(PER_INPUT) > 0) {
            throw new AssertionFailedError(what + ": one input took " + took.toMillis() + " ms, bound " + PER_INPUT);
        }
        return thrown;
    }
}
