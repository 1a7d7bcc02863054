package dev.vigil.metrics.agent.guard;

import dev.vigil.metrics.agent.JaxRsRoutes;
import dev.vigil.metrics.agent.ServletRecorder;
import dev.vigil.metrics.agent.WebFluxRecorder;
import dev.vigil.metrics.internal.JaxRsTemplates;
import dev.vigil.metrics.internal.RouteNormalizer;
import java.lang.reflect.Method;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the request of an event: a WebFlux request through {@link WebFluxRecorder}, else a servlet request (javax or
 * jakarta, found by name through the request's own class loader, so the agent never links against a servlet API): its
 * method and route template, the same template the request's metrics get (Spring MVC or WebFlux pattern, JAX-RS
 * route, exact servlet mapping, else the normalised path), and what the client sent (for script-from-request). Only
 * used when an event can fire, so reflection is fine. Never throws; never returns a raw path or a query.
 */
final class RequestView {
    private static final ClassValue<Accessors> ACCESSORS = new ClassValue<>() {
        @Override
        protected Accessors computeValue(Class<?> type) {
            return Accessors.of(type);
        }
    };

    private static final int MAX_HEADER_VALUES = 200;

    private RequestView() {}

    /** {@code http.method} and {@code http.route} of the request, added to {@code fields}; nothing when unreadable. */
    static void describe(Object request, Map<String, String> fields) {
        if (WebFluxRecorder.isRequest(request)) {
            WebFluxRecorder.describe(request, fields);
            return;
        }
        try {
            Accessors a = ACCESSORS.get(request.getClass());
            if (a == null) {
                return;
            }
            Object spring = a.getAttribute.invoke(request, ServletRecorder.SPRING_PATTERN);
            String template = spring instanceof String ? (String) spring : null;
            if (template == null) {
                String jaxrs = JaxRsRoutes.peek();
                if (jaxrs != null) {
                    template = JaxRsTemplates.join(
                            ServletRecorder.servletPrefix(
                                    (String) a.getServletPath.invoke(request), (String) a.getPathInfo.invoke(request)),
                            jaxrs);
                }
            }
            if (template == null && a.getHttpServletMapping != null) {
                Object mapping = a.getHttpServletMapping.invoke(request);
                if (mapping != null) {
                    Method match = publicMethod(mapping.getClass(), "getMappingMatch");
                    Object m = match == null ? null : match.invoke(mapping);
                    if (m instanceof Enum && ((Enum<?>) m).name().equals("EXACT")) {
                        Method pattern = publicMethod(mapping.getClass(), "getPattern");
                        template = pattern == null ? null : (String) pattern.invoke(mapping);
                    }
                }
            }
            String route = RouteNormalizer.route(
                    template, (String) a.getRequestURI.invoke(request), (String) a.getContextPath.invoke(request), 200);
            fields.put("http.method", String.valueOf(a.getMethod.invoke(request)));
            fields.put("http.route", route);
        } catch (Throwable ignored) {
            // no route: the event goes out without it
        }
    }

    /**
     * Whether {@code text} contains a value the client sent: a header value, a query parameter value, or (for a form
     * post) a form parameter value, of at least 3 characters. The values are compared only, never kept.
     */
    static boolean containsRequestData(Object request, String text) {
        if (text == null || text.length() < 3) {
            return false;
        }
        try {
            List<String> values;
            if (WebFluxRecorder.isRequest(request)) {
                values = new ArrayList<>();
                queryValues(WebFluxRecorder.clientData(request, values, MAX_HEADER_VALUES), values);
            } else {
                Accessors a = ACCESSORS.get(request.getClass());
                if (a == null) {
                    return false;
                }
                values = values(request, a);
            }
            for (String v : values) {
                if (v.length() >= 3 && text.contains(v)) {
                    return true;
                }
            }
        } catch (Throwable ignored) {
            // unreadable: not tainted as far as we can tell
        }
        return false;
    }

    private static List<String> values(Object request, Accessors a) throws Exception {
        List<String> out = new ArrayList<>();
        Enumeration<?> names = (Enumeration<?>) a.getHeaderNames.invoke(request);
        while (names != null && names.hasMoreElements() && out.size() < MAX_HEADER_VALUES) {
            Enumeration<?> vs = (Enumeration<?>) a.getHeaders.invoke(request, String.valueOf(names.nextElement()));
            while (vs != null && vs.hasMoreElements()) {
                out.add(String.valueOf(vs.nextElement()));
            }
        }
        queryValues((String) a.getQueryString.invoke(request), out);
        String type = (String) a.getContentType.invoke(request);
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            Map<?, ?> params = (Map<?, ?>) a.getParameterMap.invoke(request);
            for (Object v : params.values()) {
                if (v instanceof String[]) {
                    out.addAll(List.of((String[]) v));
                }
            }
        }
        return out;
    }

    /** The decoded values of a raw query string. */
    private static void queryValues(String query, List<String> out) {
        if (query == null) {
            return;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String v = eq < 0 ? pair : pair.substring(eq + 1);
            try {
                out.add(URLDecoder.decode(v, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                out.add(v);
            }
        }
    }

    private static Method publicMethod(Class<?> type, String name) {
        for (Class<?> itf : type.getInterfaces()) {
            try {
                return itf.getMethod(name);
            } catch (NoSuchMethodException e) {
                // next
            }
        }
        return null;
    }

    /** The servlet API methods, taken from the request interface of the request's own class loader. */
    private static final class Accessors {
        Method getAttribute;
        Method getMethod;
        Method getRequestURI;
        Method getContextPath;
        Method getServletPath;
        Method getPathInfo;
        Method getHttpServletMapping;
        Method getHeaderNames;
        Method getHeaders;
        Method getQueryString;
        Method getContentType;
        Method getParameterMap;

        static Accessors of(Class<?> type) {
            for (String ns :
                    new String[] {"jakarta.servlet.http.HttpServletRequest", "javax.servlet.http.HttpServletRequest"}) {
                try {
                    Class<?> itf = Class.forName(ns, false, type.getClassLoader());
                    if (!itf.isAssignableFrom(type)) {
                        continue;
                    }
                    Accessors a = new Accessors();
                    a.getAttribute = itf.getMethod("getAttribute", String.class);
                    a.getMethod = itf.getMethod("getMethod");
                    a.getRequestURI = itf.getMethod("getRequestURI");
                    a.getContextPath = itf.getMethod("getContextPath");
                    a.getServletPath = itf.getMethod("getServletPath");
                    a.getPathInfo = itf.getMethod("getPathInfo");
                    a.getHeaderNames = itf.getMethod("getHeaderNames");
                    a.getHeaders = itf.getMethod("getHeaders", String.class);
                    a.getQueryString = itf.getMethod("getQueryString");
                    a.getContentType = itf.getMethod("getContentType");
                    a.getParameterMap = itf.getMethod("getParameterMap");
                    try {
                        a.getHttpServletMapping = itf.getMethod("getHttpServletMapping");
                    } catch (NoSuchMethodException old) {
                        a.getHttpServletMapping = null; // Servlet 3.x
                    }
                    return a;
                } catch (ClassNotFoundException | NoSuchMethodException | LinkageError e) {
                    // try the other namespace
                }
            }
            return null;
        }
    }
}
