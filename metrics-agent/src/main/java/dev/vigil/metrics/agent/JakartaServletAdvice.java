package dev.vigil.metrics.agent;

import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code jakarta.servlet.http.HttpServlet#service(ServletRequest, ServletResponse)}. */
public final class JakartaServletAdvice {
    private JakartaServletAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static long enter(@Advice.Argument(0) ServletRequest request) {
        if (request.getAttribute(ServletRecorder.TIMED) != null) {
            return 0L;
        }
        request.setAttribute(ServletRecorder.TIMED, Boolean.TRUE);
        return ServletRecorder.start(request);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(
            @Advice.Enter long start,
            @Advice.Argument(0) ServletRequest request,
            @Advice.Argument(1) ServletResponse response,
            @Advice.Thrown Throwable thrown) {
        if (start == 0L || !(request instanceof HttpServletRequest) || !(response instanceof HttpServletResponse)) {
            return;
        }
        HttpServletRequest req = (HttpServletRequest) request;
        String mappingMatch = null;
        String mappingPattern = null;
        HttpServletMapping mapping = req.getHttpServletMapping();
        if (mapping != null && mapping.getMappingMatch() != null) {
            mappingMatch = mapping.getMappingMatch().name();
            mappingPattern = mapping.getPattern();
        }
        Object listener = ServletRecorder.record(
                start,
                req.getMethod(),
                req.getAttribute(ServletRecorder.SPRING_PATTERN),
                mappingMatch,
                mappingPattern,
                req.getRequestURI(),
                req.getContextPath(),
                ((HttpServletResponse) response).getStatus(),
                thrown,
                req.getAttribute(Exceptions.SPRING_ERROR),
                req.getAttribute("jakarta.servlet.error.exception"),
                req.getHeader("traceparent"),
                ServletRecorder.routePending()
                        ? ServletRecorder.servletPrefix(req.getServletPath(), req.getPathInfo())
                        : null,
                thrown == null && req.isAsyncStarted() ? AsyncListener.class : null,
                response);
        if (listener != null) {
            try {
                req.getAsyncContext().addListener((AsyncListener) listener);
            } catch (Throwable t) {
                ServletRecorder.notListening(listener);
            }
        }
    }
}
