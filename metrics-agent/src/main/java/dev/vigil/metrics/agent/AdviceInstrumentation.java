package dev.vigil.metrics.agent;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;

/**
 * Weaves Byte Buddy advice into a few named framework classes that only some applications have: Spring WebFlux's
 * {@code HttpWebHandlerAdapter} ({@link WebFluxAdvice}), Reactor Netty's HTTP client ({@link ReactorNettyAdvice}),
 * grpc-java's server and client calls ({@link GrpcAdvice}).
 * {@code Advice} changes no class shape, so the same weaving serves a class being loaded, a runtime attach (loaded
 * classes are retransformed) and a later retransformation by another agent; and Byte Buddy is only loaded when such a
 * class shows up, so the start-up of other applications does not pay for it. The transformer compares class names
 * only.
 */
final class AdviceInstrumentation implements ClassFileTransformer {
    /** One advice class on the methods a matcher selects. */
    private static final class Visit {
        final Class<?> advice;
        final ElementMatcher<? super MethodDescription> methods;

        Visit(Class<?> advice, ElementMatcher<? super MethodDescription> methods) {
            this.advice = advice;
            this.methods = methods;
        }
    }

    private final Map<String, List<Visit>> targets = new LinkedHashMap<>();

    private AdviceInstrumentation() {}

    private AdviceInstrumentation on(
            String internalName, Class<?> advice, ElementMatcher<? super MethodDescription> methods) {
        targets.computeIfAbsent(internalName, k -> new ArrayList<>()).add(new Visit(advice, methods));
        return this;
    }

    /**
     * Installs the WebFlux server ({@code servlet=true}), Reactor Netty client ({@code httpClient=true}) and gRPC
     * ({@code grpc=true}) advice.
     */
    static void install(Instrumentation inst, boolean webFlux, boolean reactorNettyClient, boolean grpc) {
        AdviceInstrumentation t = new AdviceInstrumentation();
        if (grpc) {
            t.on("io/grpc/internal/ServerCallImpl", GrpcAdvice.ServerCallCreated.class, isConstructor())
                    .on(
                            "io/grpc/internal/ServerCallImpl",
                            GrpcAdvice.ServerClose.class,
                            named("close").and(takesArguments(2)))
                    .on("io/grpc/internal/ClientCallImpl", GrpcAdvice.ClientCallCreated.class, isConstructor())
                    .on(
                            "io/grpc/internal/ClientCallImpl",
                            GrpcAdvice.ClientClose.class,
                            named("closeObserver").and(takesArguments(3)));
        }
        if (webFlux) {
            t.on(
                            "org/springframework/web/server/adapter/HttpWebHandlerAdapter",
                            WebFluxAdvice.Handle.class,
                            named("handle").and(isPublic()).and(takesArguments(2)))
                    .on(
                            "org/springframework/web/server/adapter/HttpWebHandlerAdapter",
                            WebFluxAdvice.CreateExchange.class,
                            named("createExchange").and(takesArguments(2)));
        }
        if (reactorNettyClient) {
            t.on(
                            "reactor/netty/http/client/HttpClientConnect$HttpClientHandler",
                            ReactorNettyAdvice.RequestSent.class,
                            named("requestWithBody").and(takesArguments(1)))
                    .on(
                            "reactor/netty/http/client/HttpClientOperations",
                            ReactorNettyAdvice.Inbound.class,
                            named("onInboundNext").and(takesArguments(2)))
                    .on(
                            "reactor/netty/http/client/HttpClientOperations",
                            ReactorNettyAdvice.OutboundError.class,
                            named("onOutboundError").and(takesArguments(1)))
                    .on(
                            "reactor/netty/http/client/HttpClientOperations",
                            ReactorNettyAdvice.InboundClose.class,
                            named("onInboundClose").and(takesArguments(0)));
        }
        if (t.targets.isEmpty()) {
            return;
        }
        inst.addTransformer(t, true);
        List<Class<?>> loaded = new ArrayList<>();
        for (Class<?> c : inst.getAllLoadedClasses()) {
            if (t.targets.containsKey(c.getName().replace('.', '/')) && inst.isModifiableClass(c)) {
                loaded.add(c);
            }
        }
        if (!loaded.isEmpty()) {
            try {
                inst.retransformClasses(loaded.toArray(new Class<?>[0]));
            } catch (Throwable e) {
                AgentLog.warn("could not instrument the loaded WebFlux / Reactor Netty classes: " + e);
            }
        }
    }

    @Override
    public byte[] transform(
            ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain, byte[] bytes) {
        List<Visit> visits = className == null ? null : targets.get(className);
        if (visits == null) {
            return null;
        }
        try {
            byte[] woven = weave(loader, className, bytes, visits);
            if (Boolean.getBoolean("vigil.metrics.debug")) {
                AgentLog.info("instrumented " + className.replace('/', '.'));
            }
            return woven;
        } catch (Throwable t) {
            AgentLog.warn("could not instrument " + className.replace('/', '.') + ": " + t);
            return null;
        }
    }

    private static byte[] weave(ClassLoader loader, String internalName, byte[] bytes, List<Visit> visits) {
        String name = internalName.replace('/', '.');
        ClassFileLocator locator = new ClassFileLocator.Compound(
                ClassFileLocator.Simple.of(name, bytes),
                loader == null
                        ? ClassFileLocator.ForClassLoader.ofBootLoader()
                        : ClassFileLocator.ForClassLoader.of(loader));
        TypeDescription type = TypePool.Default.of(locator).describe(name).resolve();
        DynamicType.Builder<?> builder = new ByteBuddy()
                .with(TypeValidation.DISABLED)
                .with(Implementation.Context.Disabled.Factory.INSTANCE)
                .redefine(type, locator);
        for (Visit v : visits) {
            AsmVisitorWrapper wrapper = Advice.to(v.advice).on(v.methods);
            builder = builder.visit(wrapper);
        }
        return builder.make().getBytes();
    }
}
