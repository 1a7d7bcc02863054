package dev.vigil.metrics.agent.guard;

import java.io.CharArrayReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;

/**
 * The text a script engine or expression parser is about to run, for {@code script-from-request}: a {@code String} as
 * it is; an in-memory {@code StringReader} / {@code CharArrayReader} read ahead (at most {@link #MAX_READ} characters)
 * and reset, so the engine still reads all of it. Other readers (a stream from a socket or a file) are not read.
 */
final class ScriptText {
    static final int MAX_READ = 1 << 16;

    /** The methods of {@code AbstractScriptEngine} itself that are hooked (see {@link GuardInstrumentation}). */
    static final java.util.Set<String> ABSTRACT_ENGINE_HOOKS = java.util.Set.of(
            "eval(Ljava/lang/String;)Ljava/lang/Object;",
            "eval(Ljava/lang/String;Ljavax/script/Bindings;)Ljava/lang/Object;");

    /** The fingerprint of the text last judged on this thread. */
    private static final ThreadLocal<Long> LAST = new ThreadLocal<>();

    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private ScriptText() {}

    /** The text, or null when it cannot be had without side effects. */
    static String of(Object source) {
        if (source instanceof String) {
            return (String) source;
        }
        if (source instanceof StringReader || source instanceof CharArrayReader) {
            Reader r = (Reader) source;
            try {
                r.mark(MAX_READ);
                char[] buf = new char[MAX_READ];
                int n = 0;
                for (int k; n < buf.length && (k = r.read(buf, n, buf.length - n)) > 0; ) {
                    n += k;
                }
                r.reset();
                return new String(buf, 0, n);
            } catch (IOException e) {
                return null; // closed: the engine fails on it anyway
            }
        }
        return null;
    }

    /**
     * Whether an outer hooked call on the same engine already judged this same text ({@code
     * AbstractScriptEngine.eval(String)} calling the engine's {@code eval(String, ScriptContext)}, Groovy's
     * {@code eval(Reader, …)} calling its {@code eval(String, …)}): then this call is not an event again. Walks the
     * stack, only for a call about to be judged an event.
     */
    static boolean judgedByAnOuterCall(Object engine, long text, long previous) {
        if (text != previous) {
            return false;
        }
        Class<?> type = engine.getClass();
        long calls = WALKER.walk(
                frames -> frames.filter(f -> hooked(f, type)).limit(2).count());
        return calls > 1;
    }

    /** A fingerprint of a script's text (hash and length: the text itself, which may hold request data, is not kept). */
    static long fingerprint(String text) {
        return ((long) text.hashCode() << 32) | text.length();
    }

    /** Remembers the fingerprint of a hooked call's text for {@link #judgedByAnOuterCall}; returns the one before. */
    static long remember(long fingerprint) {
        Long previous = LAST.get();
        LAST.set(fingerprint);
        return previous == null ? -1 : previous;
    }

    private static boolean hooked(StackWalker.StackFrame f, Class<?> engine) {
        Class<?> declaring = f.getDeclaringClass();
        if (!declaring.isAssignableFrom(engine)) {
            return false;
        }
        String method = f.getMethodName() + f.getDescriptor();
        return declaring.getName().equals("javax.script.AbstractScriptEngine")
                ? ABSTRACT_ENGINE_HOOKS.contains(method)
                : GuardInstrumentation.SCRIPT_ENGINE.containsKey(method);
    }
}
