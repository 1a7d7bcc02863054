package dev.vigil.metrics.agent.guard.output;

import java.io.PrintStream;

/** {@code stderr} / {@code stdout}: the stream current at each write, so a later {@code System.setErr} is honoured. */
final class StreamSink implements EventSink {
    private final boolean stdout;
    private volatile boolean closed;

    StreamSink(boolean stdout) {
        this.stdout = stdout;
    }

    @Override
    public void write(String jsonLine) {
        if (closed || jsonLine == null) {
            return;
        }
        PrintStream out = stdout ? System.out : System.err;
        out.println(Lines.oneLine(jsonLine)); // println is atomic per call on a PrintStream: no interleaved lines
        out.flush();
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public String toString() {
        return stdout ? "stdout" : "stderr";
    }
}
