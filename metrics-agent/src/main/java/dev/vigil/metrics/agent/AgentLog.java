package dev.vigil.metrics.agent;

/**
 * Agent log lines on stderr, prefixed {@code [vigil-metrics]}. Deliberately not java.util.logging or SLF4J: touching
 * either before {@code main} can break an application that configures its own logging.
 */
public final class AgentLog {
    private AgentLog() {}

    public static void info(String message) {
        System.err.println("[vigil-metrics] " + message);
    }

    public static void warn(String message) {
        System.err.println("[vigil-metrics] WARN " + message);
    }
}
