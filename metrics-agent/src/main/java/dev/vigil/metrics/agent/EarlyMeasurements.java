package dev.vigil.metrics.agent;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Holds measurements taken before the registry exists (it is built on a background thread while the application
 * starts), up to 10,000, and replays them once it does; so calls made during start-up are not lost.
 */
final class EarlyMeasurements {
    private static final int MAX = 10_000;
    private static final ConcurrentLinkedQueue<Runnable> QUEUE = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger SIZE = new AtomicInteger();
    private static volatile boolean replayed;

    private EarlyMeasurements() {}

    /** Keeps a measurement for later, or runs it now when the registry is already there. */
    static void add(Runnable measurement) {
        if (replayed) {
            measurement.run();
        } else if (SIZE.incrementAndGet() <= MAX) {
            QUEUE.add(measurement);
            if (replayed) {
                replay();
            }
        }
    }

    /** Called once the recorders are installed. */
    static void replay() {
        replayed = true;
        Runnable r;
        while ((r = QUEUE.poll()) != null) {
            try {
                r.run();
            } catch (Throwable ignored) {
                // never into the application
            }
        }
    }
}
