package dev.vigil.metrics.agent.guard;

import java.util.List;
import java.util.stream.Collectors;

/** Reads the current thread's stack for events: application frames, and whether a deserialization is under way. */
final class Stacks {
    private static final List<String> PLATFORM =
            List.of("java.", "javax.", "jdk.", "sun.", "com.sun.", "dev.vigil.metrics.");

    private Stacks() {}

    /** The top {@code max} frames outside the JDK and the agent, one per line ({@code class.method(File:line)}). */
    static String applicationFrames(int max) {
        return StackWalker.getInstance()
                .walk(frames -> frames.filter(f -> !platform(f.getClassName()))
                        .limit(max)
                        .map(f -> f.getClassName() + "." + f.getMethodName() + "(" + f.getFileName() + ":"
                                + f.getLineNumber() + ")")
                        .collect(Collectors.joining("\n")));
    }

    /** Whether {@code ObjectInputStream#readObject} is on the current thread's stack. */
    static boolean inDeserialization() {
        return StackWalker.getInstance()
                .walk(frames -> frames.anyMatch(f -> f.getClassName().equals("java.io.ObjectInputStream")
                        && f.getMethodName().startsWith("readObject")));
    }

    private static boolean platform(String className) {
        for (String p : PLATFORM) {
            if (className.startsWith(p)) {
                return true;
            }
        }
        return false;
    }
}
