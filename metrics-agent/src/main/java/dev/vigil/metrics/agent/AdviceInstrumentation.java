package dev.vigil.metrics.agent;

import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
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
 * only, and Byte Buddy itself (matchers included) is first touched when a target class is woven.
 */
final class AdviceInstrumentation implements ClassFileTransformer {
    /**
     * One advice class (by name) on the instance methods of one name and argument count, or ({@code <init>}) on the
     * constructors that take {@code type} at {@code index}. Plain data: no Byte Buddy class is loaded until a target
     * class shows up.
     */
    private static final class Visit {
        final String advice;
        final String method;
        final int arguments;
        final String type;

        Visit(String advice, String method, int arguments, String type) {
            this.advice = advice;
            this.method = method;
            this.arguments = arguments;
            this.type = type;
        }

        ElementMatcher<? super MethodDescription> matcher() {
            if (method.equals("<init>")) { // the arity changes between versions, the position of the type does not
                return isConstructor().and(takesArgument(arguments, named(type)));
            }
            // never a compiler bridge: HttpClientHandler#test(Throwable) has one, test(Object), which calls it
            return named(method).and(not(isStatic())).and(not(isBridge())).and(takesArguments(arguments));
        }
    }

    private final Map<String, List<Visit>> targets = new LinkedHashMap<>();

    private AdviceInstrumentation() {}

    private AdviceInstrumentation on(String internalName, Class<?> advice, String method, int arguments) {
        return on(internalName, advice, method, arguments, null);
    }

    private AdviceInstrumentation on(
            String internalName, Class<?> advice, String method, int arguments, String argumentType) {
        targets.computeIfAbsent(internalName, k -> new ArrayList<>())
                .add(new Visit(advice.getName(), method, arguments, argumentType));
        return this;
    }

    /**
     * Installs the WebFlux server ({@code servlet=true}), Reactor Netty client ({@code httpClient=true}) and gRPC
     * ({@code grpc=true}) advice.
     */
    static void install(Instrumentation inst, boolean webFlux, boolean reactorNettyClient, boolean grpc) {
        AdviceInstrumentation t = new AdviceInstrumentation();
        if (grpc) {
            String descriptor = "io.grpc.MethodDescriptor";
            t.on("io/grpc/internal/ServerCallImpl", GrpcAdvice.ServerCallCreated.class, "<init>", 1, descriptor)
                    .on("io/grpc/internal/ServerCallImpl", GrpcAdvice.ServerClose.class, "close", 2)
                    .on("io/grpc/internal/ClientCallImpl", GrpcAdvice.ClientCallCreated.class, "<init>", 0, descriptor)
                    .on("io/grpc/internal/ClientCallImpl", GrpcAdvice.ClientClose.class, "closeObserver", 3);
        }
        if (webFlux) {
            String adapter = "org/springframework/web/server/adapter/HttpWebHandlerAdapter";
            t.on(adapter, WebFluxAdvice.Handle.class, "handle", 2)
                    .on(adapter, WebFluxAdvice.CreateExchange.class, "createExchange", 2)
                    .on(adapter, WebFluxAdvice.UnresolvedError.class, "handleUnresolvedError", 2)
                    .on(adapter, WebFluxAdvice.UnresolvedError.class, "handleUnresolvedError", 3);
        }
        if (reactorNettyClient) {
            String operations = "reactor/netty/http/client/HttpClientOperations";
            String handler = "reactor/netty/http/client/HttpClientConnect$HttpClientHandler";
            t.on(
                            handler,
                            ReactorNettyAdvice.Connecting.class,
                            "<init>",
                            0,
                            "reactor.netty.http.client.HttpClientConfig")
                    .on(handler, ReactorNettyAdvice.RequestSent.class, "requestWithBody", 1)
                    .on(handler, ReactorNettyAdvice.Failed.class, "test", 1)
                    .on(operations, ReactorNettyAdvice.Inbound.class, "onInboundNext", 2)
                    .on(operations, ReactorNettyAdvice.OutboundError.class, "onOutboundError", 1)
                    .on(operations, ReactorNettyAdvice.InboundClose.class, "onInboundClose", 0);
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
                AgentLog.warn("could not instrument the loaded WebFlux / Reactor Netty / gRPC classes: " + e);
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

    private static Class<?> loadAdvice(String name) {
        try {
            return Class.forName(name, false, AdviceInstrumentation.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("advice class missing from the agent: " + name, e);
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
            AsmVisitorWrapper wrapper = Advice.to(loadAdvice(v.advice)).on(v.matcher());
            builder = builder.visit(wrapper);
        }
        return builder.make().getBytes();
    }
}
