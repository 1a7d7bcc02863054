package dev.vigil.jwt;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * The formatted messages one class logs at or above a level while open (java.util.logging, as System.Logger). Shared
 * by the tests of every package of this module.
 */
public final class CapturedLog implements AutoCloseable {
    public final List<String> messages = new CopyOnWriteArrayList<>();
    private final Logger logger;
    private final Handler handler;

    public CapturedLog(Class<?> source, Level atLeast) {
        this.logger = Logger.getLogger(source.getName());
        this.handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel().intValue() >= atLeast.intValue()) {
                    messages.add(new SimpleFormatter().formatMessage(r));
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        logger.addHandler(handler);
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
    }
}
