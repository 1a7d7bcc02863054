package dev.vigil.metrics.agent;

/**
 * The exception a request's {@code exception} label names: what the application threw, not the wrapper a container or
 * framework put around it. Like Micrometer's servlet instrumentation, {@code javax.servlet.ServletException} and
 * {@code jakarta.servlet.ServletException} (and subclasses such as Spring's {@code NestedServletException}) are
 * unwrapped, and so are the JDK's wrappers of asynchronous and reflective calls ({@code CompletionException},
 * {@code ExecutionException}, {@code UndeclaredThrowableException}, {@code InvocationTargetException}); an
 * application's own exception with a cause is kept.
 */
final class Exceptions {
    /** Spring MVC's {@code DispatcherServlet.EXCEPTION_ATTRIBUTE}: an exception a handler resolver turned into a reply. */
    static final String SPRING_ERROR = "org.springframework.web.servlet.DispatcherServlet.EXCEPTION";

    private Exceptions() {}

    /** {@code t} without its wrappers (at most 8 levels); null for null. */
    static Throwable unwrap(Throwable t) {
        Throwable e = t;
        for (int i = 0; i < 8 && e != null && e.getCause() != null && e.getCause() != e && isWrapper(e); i++) {
            e = e.getCause();
        }
        return e;
    }

    /**
     * The exception to label a request with: what escaped the servlet, else, for an error status, the exception the
     * framework handled into that reply (Spring MVC's attribute, then the container's {@code …servlet.error.exception}).
     */
    static Throwable labelled(Throwable thrown, int status, Object springError, Object containerError) {
        if (thrown != null) {
            return unwrap(thrown);
        }
        if (status < 400) {
            return null;
        }
        if (springError instanceof Throwable) {
            return unwrap((Throwable) springError);
        }
        return containerError instanceof Throwable ? unwrap((Throwable) containerError) : null;
    }

    private static boolean isWrapper(Throwable t) {
        for (Class<?> c = t.getClass(); c != null && c != Throwable.class; c = c.getSuperclass()) {
            switch (c.getName()) {
                case "javax.servlet.ServletException":
                case "jakarta.servlet.ServletException":
                case "java.util.concurrent.CompletionException":
                case "java.util.concurrent.ExecutionException":
                case "java.lang.reflect.UndeclaredThrowableException":
                case "java.lang.reflect.InvocationTargetException":
                    return true;
                default:
                    break;
            }
        }
        return false;
    }
}
