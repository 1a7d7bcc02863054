package dev.vigil.metrics.agent;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.pool.TypePool;

/**
 * Weaves the request timing advice into {@code HttpServlet#service(ServletRequest, ServletResponse)} of both servlet
 * namespaces ({@code javax.servlet} 3.0–4.0 and {@code jakarta.servlet} 5.0–6.1). That one method is the door every
 * container (Tomcat, Jetty, Undertow) and framework (Spring MVC, Jersey) walks through.
 *
 * <p>A plain {@link ClassFileTransformer} that only compares the class name. Classes being loaded are rewritten with
 * plain ASM ({@link ServletServiceWrapper}); Byte Buddy's {@code Advice} is only used to retransform classes that were
 * already loaded when the agent was attached at run time, so a {@code -javaagent} start never loads Byte Buddy.
 */
final class ServletInstrumentation implements ClassFileTransformer {
    private static final String JAKARTA = "jakarta/servlet/http/HttpServlet";
    private static final String JAVAX = "javax/servlet/http/HttpServlet";
    private static final String JAKARTA_CHAIN = "jakarta/servlet/FilterChain";
    private static final String JAVAX_CHAIN = "javax/servlet/FilterChain";

    private ServletInstrumentation() {}

    /** Classes that were already loaded at a runtime attach and got Byte Buddy advice (the rest: plain ASM). */
    private final Set<Class<?>> advised = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    static void install(Instrumentation inst, boolean attached) {
        ServletInstrumentation transformer = new ServletInstrumentation();
        inst.addTransformer(transformer, true);
        if (attached) {
            List<Class<?>> loaded = new ArrayList<>();
            for (Class<?> c : inst.getAllLoadedClasses()) {
                String n = c.getName().replace('.', '/');
                if ((n.equals(JAKARTA) || n.equals(JAVAX) || implementsFilterChain(c)) && inst.isModifiableClass(c)) {
                    loaded.add(c);
                }
            }
            if (!loaded.isEmpty()) {
                transformer.advised.addAll(loaded);
                try {
                    inst.retransformClasses(loaded.toArray(new Class<?>[0]));
                } catch (Throwable t) {
                    AgentLog.warn("could not instrument already loaded servlet classes: " + t);
                }
            }
        }
    }

    @Override
    public byte[] transform(
            ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain, byte[] bytes) {
        if (className == null) {
            return null;
        }
        if (redefined == null && !className.equals(JAKARTA) && !className.equals(JAVAX)) {
            return wrapFilterChainOrResource(loader, className, bytes);
        }
        // a class woven with plain ASM when it was loaded must be woven so again when another agent retransforms it,
        // or the JVM refuses that retransformation ("attempted to delete a method")
        boolean advice = redefined != null && advised.contains(redefined);
        if (!(className.equals(JAKARTA) || className.equals(JAVAX))) {
            if (redefined == null) {
                return null;
            }
            byte[] chain = timeFilterChain(loader, className, bytes, advice);
            // a JAX-RS resource woven when it was loaded is woven again, for the same reason
            return chain != null || !JaxRsWeaver.wasWoven(loader, className)
                    ? chain
                    : JaxRsWeaver.weave(loader, className, bytes);
        }
        try {
            boolean jakarta = className.equals(JAKARTA);
            // first load: cheap ASM wrapper; already loaded (runtime attach): Byte Buddy advice, no shape change
            byte[] woven = !advice
                    ? ServletServiceWrapper.wrap(bytes, jakarta, "service")
                    : weave(loader, className, bytes, jakarta, "service");
            if (Boolean.getBoolean("vigil.metrics.debug")) {
                AgentLog.info("instrumented " + className.replace('/', '.'));
            }
            return woven;
        } catch (Throwable t) {
            AgentLog.warn("could not instrument " + className.replace('/', '.') + ": " + t);
            return null;
        }
    }

    /**
     * A class that directly implements a servlet {@code FilterChain} gets its {@code doFilter} timed; any other class
     * may be a JAX-RS resource ({@link JaxRsWeaver}). One class header read for both.
     */
    private static byte[] wrapFilterChainOrResource(ClassLoader loader, String className, byte[] bytes) {
        if (notAChain(className)) {
            return null;
        }
        try {
            ClassReader reader = new ClassReader(bytes);
            for (String itf : reader.getInterfaces()) {
                boolean jakarta = itf.equals(JAKARTA_CHAIN);
                if (jakarta || itf.equals(JAVAX_CHAIN)) {
                    byte[] woven = ServletServiceWrapper.wrap(bytes, jakarta, "doFilter");
                    if (woven != null && Boolean.getBoolean("vigil.metrics.debug")) {
                        AgentLog.info("instrumented " + className.replace('/', '.'));
                    }
                    return woven;
                }
            }
            return JaxRsWeaver.weave(loader, className, bytes, reader);
        } catch (Throwable t) {
            AgentLog.warn("could not instrument " + className.replace('/', '.') + ": " + t);
        }
        return null;
    }

    private static boolean notAChain(String className) {
        return className.startsWith("java/")
                || className.startsWith("jdk/")
                || className.startsWith("sun/")
                || className.startsWith("com/sun/")
                || className.startsWith("dev/vigil/metrics/");
    }

    /** Runtime attach: a loaded class that directly implements a servlet {@code FilterChain} (see wrapFilterChain). */
    private static boolean implementsFilterChain(Class<?> c) {
        for (Class<?> itf : c.getInterfaces()) {
            String n = itf.getName().replace('.', '/');
            if (n.equals(JAKARTA_CHAIN) || n.equals(JAVAX_CHAIN)) {
                return !notAChain(c.getName().replace('.', '/'));
            }
        }
        return false;
    }

    /**
     * A retransformed chain: advice like {@code HttpServlet#service} when it was loaded before a runtime attach, else
     * the same ASM wrapper as when it was loaded.
     */
    private static byte[] timeFilterChain(ClassLoader loader, String className, byte[] bytes, boolean advice) {
        if (notAChain(className)) {
            return null;
        }
        try {
            for (String itf : new ClassReader(bytes).getInterfaces()) {
                boolean jakarta = itf.equals(JAKARTA_CHAIN);
                if (jakarta || itf.equals(JAVAX_CHAIN)) {
                    return advice
                            ? weave(loader, className, bytes, jakarta, "doFilter")
                            : ServletServiceWrapper.wrap(bytes, jakarta, "doFilter");
                }
            }
        } catch (Throwable t) {
            AgentLog.warn("could not instrument " + className.replace('/', '.') + ": " + t);
        }
        return null;
    }

    private static byte[] weave(ClassLoader loader, String internalName, byte[] bytes, boolean jakarta, String method) {
        String name = internalName.replace('/', '.');
        String prefix = jakarta ? "jakarta.servlet." : "javax.servlet.";
        ClassFileLocator locator = new ClassFileLocator.Compound(
                ClassFileLocator.Simple.of(name, bytes),
                loader == null
                        ? ClassFileLocator.ForClassLoader.ofBootLoader()
                        : ClassFileLocator.ForClassLoader.of(loader));
        TypeDescription type = TypePool.Default.of(locator).describe(name).resolve();
        Class<?> advice = jakarta ? JakartaServletAdvice.class : JavaxServletAdvice.class;
        return new ByteBuddy()
                .with(TypeValidation.DISABLED)
                .with(Implementation.Context.Disabled.Factory.INSTANCE)
                .redefine(type, locator)
                .visit(Advice.to(advice)
                        .on(named(method)
                                .and(isPublic())
                                .and(takesArguments(2))
                                .and(takesArgument(0, named(prefix + "ServletRequest")))
                                .and(takesArgument(1, named(prefix + "ServletResponse")))))
                .make()
                .getBytes();
    }

    /** Loads Byte Buddy's classes ahead of the first servlet class, off the application's start-up path. */
    static void warmUp() {
        try {
            new ByteBuddy()
                    .with(TypeValidation.DISABLED)
                    .with(Implementation.Context.Disabled.Factory.INSTANCE)
                    .redefine(WarmUp.class)
                    .visit(Advice.to(WarmUp.class).on(named("run")))
                    .make()
                    .getBytes();
        } catch (Throwable ignored) {
            // only an optimisation
        }
    }

    /** A tiny class to weave during warm-up. */
    static final class WarmUp implements Runnable {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter() {
            return System.nanoTime();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter long start, @Advice.Thrown Throwable thrown) {
            if (start == 0L && thrown != null) {
                Thread.yield();
            }
        }

        @Override
        public void run() {}
    }
}
