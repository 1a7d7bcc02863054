package dev.vigil.metrics.agent.guard.output;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/** Appends one line per event to a file, flushed at once (the file is opened once, in append mode). */
final class FileSink implements EventSink {
    private final Path path;
    private final OutputStream out;
    private final AtomicLong dropped = new AtomicLong();
    private boolean closed;

    private FileSink(Path path, OutputStream out) {
        this.path = path;
        this.out = out;
    }

    /** Opens {@code path} for appending, creating it when absent. */
    static FileSink open(String spec, Path path) {
        Path parent = path.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new IllegalArgumentException(
                    "guard.output '" + spec + "': folder " + parent + " does not exist, expected an existing folder");
        }
        if (Files.isDirectory(path)) {
            throw new IllegalArgumentException("guard.output '" + spec + "': is a folder, expected a file");
        }
        try {
            return new FileSink(
                    path,
                    Files.newOutputStream(
                            path, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE));
        } catch (IOException | SecurityException e) {
            throw new IllegalArgumentException(
                    "guard.output '" + spec + "': cannot be opened for appending ("
                            + e.getClass().getSimpleName() + ")",
                    e);
        }
    }

    @Override
    public void write(String jsonLine) {
        if (jsonLine == null) {
            return;
        }
        byte[] line = (Lines.oneLine(jsonLine) + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (this) {
            if (closed) {
                dropped.incrementAndGet();
                return;
            }
            try {
                out.write(line); // one write per line: with O_APPEND, concurrent writers never split it
                out.flush();
            } catch (IOException e) {
                dropped.incrementAndGet();
            }
        }
    }

    @Override
    public long dropped() {
        return dropped.get();
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            try {
                out.close();
            } catch (IOException e) {
                // nothing left to flush that could be saved
            }
        }
    }

    @Override
    public String toString() {
        return "file " + path;
    }
}
