package dev.vigil.metrics.agent;

import dev.vigil.metrics.internal.JaxRsTemplates;
import java.lang.annotation.Annotation;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JAX-RS route of the current request. Resource methods woven by {@link JaxRsWeaver} report themselves here at
 * entry (the resource object and the method's name and descriptor: only JDK types cross, so neither the agent nor
 * the system class loader needs the application's JAX-RS API). The template of a method is computed once by
 * reflection, reading {@code jakarta.ws.rs} and {@code javax.ws.rs} annotations by name, incl. those inherited from
 * superclasses and interfaces, and cached per class. It is kept for the current thread until the servlet advice
 * takes it when the request ends (and cleared when a request starts): it survives nothing beyond the request.
 */
public final class JaxRsRoutes {
    private static final ThreadLocal<State> CURRENT = ThreadLocal.withInitial(State::new);
    private static final ClassValue<ConcurrentHashMap<String, Route>> ROUTES = new ClassValue<>() {
        @Override
        protected ConcurrentHashMap<String, Route> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };
    private static final Route NONE = new Route(null, null, false);
    /** Set once a resource method was seen: until then requests skip the thread-local (no JAX-RS in this JVM). */
    private static volatile boolean seen;

    private JaxRsRoutes() {}

    /** What the current thread's request matched so far. */
    private static final class State {
        /** Template of the sub-resource locators walked so far, or null. */
        String prefix;
        /** Template of the resource method that handles the request, once known. */
        String route;
    }

    /** A resource method's template: from the root ({@code full}) and its own {@code @Path} ({@code own}). */
    record Route(String full, String own, boolean locator) {}

    /**
     * Called at the entry of a woven resource method (or sub-resource locator). Never throws. The first resource
     * method of a request wins; locators before it add their path in front.
     *
     * @param resource the resource object ({@code this})
     * @param nameAndDescriptor the method's name and JVM descriptor, e.g. {@code get(J)Ljava/lang/String;}
     */
    public static void invoked(Object resource, String nameAndDescriptor) {
        try {
            if (!seen) {
                seen = true;
            }
            State state = CURRENT.get();
            if (state.route != null) {
                return; // a resource method calling another one: the request's route is already known
            }
            Route r = route(resource.getClass(), nameAndDescriptor);
            if (r.full == null) {
                return;
            }
            String template = state.prefix == null ? r.full : JaxRsTemplates.join(state.prefix, r.own);
            if (r.locator) {
                state.prefix = template;
            } else {
                state.route = template;
            }
        } catch (Throwable ignored) {
            // never into the application
        }
    }

    /** Forgets the current thread's route: a request starts. */
    static void clear() {
        if (seen) {
            State state = CURRENT.get();
            state.prefix = null;
            state.route = null;
        }
    }

    /** Whether a resource method handled the current thread's request. */
    static boolean pending() {
        return seen && CURRENT.get().route != null;
    }

    /** The current thread's JAX-RS route (relative to the servlet path), or null; kept. */
    public static String peek() {
        return seen ? CURRENT.get().route : null;
    }

    /** The current thread's JAX-RS route (relative to the servlet path), or null; and forgets it. */
    static String take() {
        if (!seen) {
            return null;
        }
        State state = CURRENT.get();
        String route = state.route;
        state.prefix = null;
        state.route = null;
        return route;
    }

    static Route route(Class<?> type, String nameAndDescriptor) {
        ConcurrentHashMap<String, Route> routes = ROUTES.get(type);
        Route r = routes.get(nameAndDescriptor);
        if (r == null) {
            r = compute(type, nameAndDescriptor);
            routes.put(nameAndDescriptor, r);
        }
        return r;
    }

    private static Route compute(Class<?> type, String nameAndDescriptor) {
        int paren = nameAndDescriptor.indexOf('(');
        String name = nameAndDescriptor.substring(0, paren);
        String descriptor = nameAndDescriptor.substring(paren);
        Method method = null;
        for (Class<?> c = type; c != null && method == null; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals(name) && !m.isBridge() && descriptor(m).equals(descriptor)) {
                    method = m;
                    break;
                }
            }
        }
        if (method == null) {
            return NONE;
        }
        Method annotated = annotatedMethod(method);
        if (annotated == null) {
            return NONE;
        }
        String own = pathValue(annotated.getDeclaredAnnotations());
        boolean locator = !hasHttpMethod(annotated.getDeclaredAnnotations());
        String classPath = classPath(type);
        return new Route(JaxRsTemplates.join(classPath, own), JaxRsTemplates.join(own), locator);
    }

    private static String descriptor(Method m) {
        return MethodType.methodType(m.getReturnType(), m.getParameterTypes()).toMethodDescriptorString();
    }

    /**
     * The method carrying the JAX-RS annotations: the method itself, else (JAX-RS annotation inheritance) the method
     * it overrides or implements in a superclass or interface, searched in that order.
     */
    private static Method annotatedMethod(Method m) {
        if (isJaxRsMethod(m)) {
            return m;
        }
        Class<?>[] params = m.getParameterTypes();
        for (Class<?> c = m.getDeclaringClass(); c != null; c = c.getSuperclass()) {
            if (c != m.getDeclaringClass()) {
                Method found = declared(c, m.getName(), params);
                if (found != null && isJaxRsMethod(found)) {
                    return found;
                }
            }
            for (Class<?> itf : c.getInterfaces()) {
                Method found = inInterface(itf, m.getName(), params, 0);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static Method inInterface(Class<?> itf, String name, Class<?>[] params, int depth) {
        if (depth > 16) {
            return null;
        }
        Method found = declared(itf, name, params);
        if (found != null && isJaxRsMethod(found)) {
            return found;
        }
        for (Class<?> parent : itf.getInterfaces()) {
            Method m = inInterface(parent, name, params, depth + 1);
            if (m != null) {
                return m;
            }
        }
        return null;
    }

    private static Method declared(Class<?> c, String name, Class<?>[] params) {
        try {
            Method m = c.getDeclaredMethod(name, params);
            return Modifier.isStatic(m.getModifiers()) ? null : m;
        } catch (NoSuchMethodException | SecurityException | NoClassDefFoundError e) {
            return null;
        }
    }

    private static boolean isJaxRsMethod(Method m) {
        Annotation[] annotations = m.getDeclaredAnnotations();
        return pathValue(annotations) != null || hasHttpMethod(annotations);
    }

    /** The class's {@code @Path}: on the class, a superclass, or else an interface (as Jersey and RESTEasy allow). */
    private static String classPath(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            String p = pathValue(c.getDeclaredAnnotations());
            if (p != null) {
                return p;
            }
        }
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> itf : c.getInterfaces()) {
                String p = interfacePath(itf, 0);
                if (p != null) {
                    return p;
                }
            }
        }
        return null;
    }

    private static String interfacePath(Class<?> itf, int depth) {
        if (depth > 16) {
            return null;
        }
        String p = pathValue(itf.getDeclaredAnnotations());
        if (p != null) {
            return p;
        }
        for (Class<?> parent : itf.getInterfaces()) {
            p = interfacePath(parent, depth + 1);
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    /** The value of a {@code jakarta.ws.rs.Path} or {@code javax.ws.rs.Path} among these, or null. */
    static String pathValue(Annotation[] annotations) {
        for (Annotation a : annotations) {
            String n = a.annotationType().getName();
            if (n.equals("jakarta.ws.rs.Path") || n.equals("javax.ws.rs.Path")) {
                try {
                    Object v = a.annotationType().getMethod("value").invoke(a);
                    return v instanceof String ? (String) v : null;
                } catch (ReflectiveOperationException | RuntimeException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /** Whether one of these is an HTTP method designator ({@code @GET}, ..., or one meta-annotated {@code @HttpMethod}). */
    static boolean hasHttpMethod(Annotation[] annotations) {
        for (Annotation a : annotations) {
            for (Annotation meta : a.annotationType().getDeclaredAnnotations()) {
                String n = meta.annotationType().getName();
                if (n.equals("jakarta.ws.rs.HttpMethod") || n.equals("javax.ws.rs.HttpMethod")) {
                    return true;
                }
            }
        }
        return false;
    }
}
