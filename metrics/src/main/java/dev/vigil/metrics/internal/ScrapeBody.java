package dev.vigil.metrics.internal;

import java.io.IOException;
import java.io.OutputStream;

/** A response body held in a reused buffer: valid until the next scrape through the same {@link ScrapeWriters}. */
public final class ScrapeBody {
    private final byte[] bytes;
    private final int size;

    ScrapeBody(byte[] bytes, int size) {
        this.bytes = bytes;
        this.size = size;
    }

    /** The body's length in bytes. */
    public int size() {
        return size;
    }

    /** Copies the body to {@code out}. */
    public void writeTo(OutputStream out) throws IOException {
        out.write(bytes, 0, size);
    }
}
