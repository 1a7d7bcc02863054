package dev.vigil.metrics.agent.guard.output;

/**
 * Where guard events go: one JSON object per {@link #write} call, written as one line. Implementations are thread-safe,
 * never throw from {@code write} and never block the caller on a slow or absent collector.
 */
public interface EventSink extends AutoCloseable {
    /**
     * Writes one event. Line breaks in {@code jsonLine} (there are none in valid single-line JSON) are replaced by
     * spaces, so one call is always one line.
     */
    void write(String jsonLine);

    /**
     * Events given to {@link #write} that were not delivered: queue full, collector unreachable or answering with an
     * error, file not writable, sink closed. Zero for the console sinks.
     */
    default long dropped() {
        return 0;
    }

    /** Stops the sink (an HTTP sink first delivers what is queued, for at most a second). Never throws. */
    @Override
    void close();
}
