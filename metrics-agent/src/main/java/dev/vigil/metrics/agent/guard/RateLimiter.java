package dev.vigil.metrics.agent.guard;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * At most {@code limit} events per rule per window (10 s by default), in fixed windows; what is over the limit is
 * suppressed (still counted by the caller) and the number suppressed is handed to the first event of a later window.
 * The number of rules is bounded (built-in and custom ones), so the map is too.
 */
final class RateLimiter {
    static final long WINDOW_NANOS = 10_000_000_000L;

    private final int limit;
    private final long windowNanos;
    private final LongSupplier clock;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    RateLimiter(int limit, long windowNanos, LongSupplier clock) {
        this.limit = limit;
        this.windowNanos = windowNanos;
        this.clock = clock;
    }

    /**
     * Whether an event of {@code rule} may be written now.
     *
     * @return -1 when suppressed, else the number of events of this rule suppressed since the last one written
     */
    long admit(String rule) {
        Window w = windows.computeIfAbsent(rule, r -> new Window(clock.getAsLong()));
        long now = clock.getAsLong();
        synchronized (w) {
            if (now - w.start >= windowNanos) {
                w.start = now;
                w.count = 0;
            }
            if (w.count >= limit) {
                w.suppressed++;
                return -1;
            }
            w.count++;
            long s = w.suppressed;
            w.suppressed = 0;
            return s;
        }
    }

    private static final class Window {
        long start;
        int count;
        long suppressed;

        Window(long start) {
            this.start = start;
        }
    }
}
