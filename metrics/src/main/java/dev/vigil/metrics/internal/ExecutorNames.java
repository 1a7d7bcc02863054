package dev.vigil.metrics.internal;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Locale;

/**
 * Stable, bounded names for thread pools, which have none of their own: the thread name prefix their thread factory
 * was configured with (digits and format specifiers removed, so {@code http-nio-8080-exec-} becomes
 * {@code http-nio-exec}), else the class that created the pool.
 */
public final class ExecutorNames {
    private static final int MAX_LENGTH = 64;
    private static final ClassValue<Field[]> NAME_FIELDS = new ClassValue<>() {
        @Override
        protected Field[] computeValue(Class<?> type) {
            return nameFields(type);
        }
    };

    private ExecutorNames() {}

    /**
     * Turns a thread name or prefix into a pool name: format specifiers and digits go, runs of separators collapse,
     * separators at both ends go, at most 64 characters. {@code "worker-%d"} → {@code "worker"}, {@code "qtp1234"} →
     * {@code "qtp"}, {@code "pool-3-thread-"} → {@code "pool-thread"}.
     *
     * @return the name, or null when nothing is left
     */
    public static String clean(String prefix) {
        if (prefix == null) {
            return null;
        }
        // a plain loop, no regular expressions: this runs on the application's thread when its first pool is created
        StringBuilder out = new StringBuilder(Math.min(prefix.length(), MAX_LENGTH));
        int n = prefix.length();
        for (int i = 0; i < n && out.length() < MAX_LENGTH; i++) {
            char c = prefix.charAt(i);
            if (c == '%') { // a format specifier such as %d, %02d, %s: skip up to its conversion letter
                int j = i + 1;
                while (j < n && !Character.isLetter(prefix.charAt(j))) {
                    j++;
                }
                i = j;
            } else if (c >= '0' && c <= '9') {
                continue;
            } else if (isSeparator(c)) {
                if (out.length() > 0 && !isSeparator(out.charAt(out.length() - 1))) {
                    out.append(c);
                }
            } else {
                out.append(c);
            }
        }
        int end = out.length();
        while (end > 0 && isSeparator(out.charAt(end - 1))) {
            end--;
        }
        return end == 0 ? null : out.substring(0, end);
    }

    /**
     * The name a thread factory gives its threads, read from a {@code String} field whose name mentions a prefix, name,
     * format or pattern (Tomcat's {@code namePrefix}, Netty's {@code prefix}, Guava's {@code nameFormat}, Spring's
     * {@code threadNamePrefix}, Apache Commons' {@code namingPattern}); only the application's classes are read, JDK
     * classes are closed to reflection. Never throws.
     *
     * @return the cleaned name, or null
     */
    public static String fromThreadFactory(Object factory) {
        if (factory == null) {
            return null;
        }
        try {
            for (Field f : NAME_FIELDS.get(factory.getClass())) {
                Object value = f.get(factory);
                String name = value instanceof String ? clean((String) value) : null;
                if (name != null) {
                    return name;
                }
            }
        } catch (Throwable ignored) {
            // not readable: fall back to the creating class
        }
        return null;
    }

    /**
     * The name of the class that created the pool: the first frame of the current stack that is not a JDK class, not in
     * the pool's own class hierarchy and not {@code skip}; package removed, {@code $} as {@code .}. Null when that class
     * starts with {@code ownPrefix} (the pool is the agent's own); {@code fallback} when there is no such frame. A pool
     * the JDK creates for itself (a JDK class other than {@code java.util.concurrent}'s factories called
     * {@code Executors}) is named by its JDK role instead of the application class that happened to trigger it:
     * {@code process-reaper} for the reaper of child processes, {@code HttpClient} for the default executor of a
     * {@code java.net.http.HttpClient}, else {@code jdk.<class>}.
     */
    public static String fromCallSite(Class<?> poolClass, Class<?> skip, String ownPrefix, String fallback) {
        try {
            Class<?> creator = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                    .walk(frames -> frames.map(StackWalker.StackFrame::getDeclaringClass)
                            .filter(c -> c != skip
                                    && c != ExecutorNames.class
                                    && !c.isAssignableFrom(poolClass)
                                    && !(isJdk(c) && isPlumbing(c.getName())))
                            .findFirst()
                            .orElse(null));
            if (creator == null) {
                return fallback;
            }
            if (isJdk(creator)) {
                return jdkRole(creator);
            }
            return ownPrefix != null && creator.getName().startsWith(ownPrefix) ? null : withoutPackage(creator);
        } catch (Throwable t) {
            return fallback;
        }
    }

    /** JDK frames between a pool's constructor and whoever wanted the pool: factories, privileged actions, reflection. */
    private static boolean isPlumbing(String name) {
        return name.startsWith("java.util.concurrent.")
                || name.startsWith("java.security.")
                || name.startsWith("java.lang.invoke.")
                || name.startsWith("java.lang.reflect.")
                || name.startsWith("jdk.internal.reflect.")
                || name.startsWith("jdk.internal.misc.")
                || name.equals("java.lang.Thread");
    }

    private static String jdkRole(Class<?> creator) {
        String n = creator.getName();
        int nested = n.indexOf('$');
        String outer = nested > 0 ? n.substring(0, nested) : n;
        switch (outer) {
            case "java.lang.ProcessHandleImpl":
            case "java.lang.ProcessImpl":
                return "process-reaper";
            case "jdk.internal.net.http.HttpClientImpl":
                return "HttpClient";
            default:
                return "jdk." + withoutPackage(creator);
        }
    }

    private static String withoutPackage(Class<?> c) {
        String n = c.getName();
        int lambda = n.indexOf("$$"); // lambdas and generated classes: Foo$$Lambda/0x...
        if (lambda > 0) {
            n = n.substring(0, lambda);
        }
        String simple = n.substring(n.lastIndexOf('.') + 1).replace('$', '.');
        return simple.length() > MAX_LENGTH ? simple.substring(0, MAX_LENGTH) : simple;
    }

    private static boolean isSeparator(char c) {
        return c == '-' || c == '_' || c == '.' || c == ' ' || c == '#' || c == ':' || c == '/';
    }

    private static boolean isJdk(Class<?> c) {
        ClassLoader l = c.getClassLoader();
        return l == null || l == ClassLoader.getPlatformClassLoader();
    }

    private static Field[] nameFields(Class<?> type) {
        java.util.List<Field> out = new java.util.ArrayList<>();
        for (Class<?> c = type; c != null && !isJdk(c); c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                String n = f.getName().toLowerCase(Locale.ROOT);
                if (f.getType() == String.class
                        && !Modifier.isStatic(f.getModifiers())
                        && (n.contains("prefix") || n.contains("name") || n.contains("format") || n.contains("pattern"))
                        && f.trySetAccessible()) {
                    out.add(f);
                }
            }
        }
        return out.toArray(new Field[0]);
    }
}
