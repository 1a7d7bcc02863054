package dev.vigil.metrics.agent;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.lang.instrument.Instrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.utility.JavaModule;

/**
 * Weaves the request timing advice into {@code HttpServlet#service(ServletRequest, ServletResponse)} of both servlet
 * namespaces ({@code javax.servlet} 3.0–4.0 and {@code jakarta.servlet} 5.0–6.1). That one method is the door every
 * container (Tomcat, Jetty, Undertow) and framework (Spring MVC, Jersey) walks through.
 */
final class ServletInstrumentation {
    private static final String JAKARTA = "jakarta.servlet.http.HttpServlet";
    private static final String JAVAX = "javax.servlet.http.HttpServlet";

    private ServletInstrumentation() {}

    static void install(Instrumentation inst, boolean attached) {
        new AgentBuilder.Default()
                .disableClassFormatChanges()
                .with(
                        attached
                                ? AgentBuilder.RedefinitionStrategy.RETRANSFORMATION
                                : AgentBuilder.RedefinitionStrategy.DISABLED)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                .with(new FailureListener())
                .ignore(net.bytebuddy.matcher.ElementMatchers.none())
                .type(namedOneOf(JAKARTA, JAVAX))
                .transform(ServletInstrumentation::weave)
                .installOn(inst);
    }

    private static DynamicType.Builder<?> weave(
            DynamicType.Builder<?> builder,
            TypeDescription type,
            ClassLoader loader,
            JavaModule module,
            java.security.ProtectionDomain domain) {
        boolean jakarta = type.getName().equals(JAKARTA);
        String prefix = jakarta ? "jakarta.servlet." : "javax.servlet.";
        Class<?> advice = jakarta ? JakartaServletAdvice.class : JavaxServletAdvice.class;
        return builder.visit(Advice.to(advice)
                .on(named("service")
                        .and(isPublic())
                        .and(takesArguments(2))
                        .and(takesArgument(0, named(prefix + "ServletRequest")))
                        .and(takesArgument(1, named(prefix + "ServletResponse")))));
    }

    /** Reports a failed transformation once on stderr; the class stays as it was. */
    private static final class FailureListener extends AgentBuilder.Listener.Adapter {
        @Override
        public void onError(
                String typeName, ClassLoader classLoader, JavaModule module, boolean loaded, Throwable throwable) {
            AgentLog.warn("could not instrument " + typeName + ": " + throwable);
        }

        @Override
        public void onTransformation(
                TypeDescription type,
                ClassLoader classLoader,
                JavaModule module,
                boolean loaded,
                DynamicType dynamicType) {
            if (Boolean.getBoolean("vigil.metrics.debug")) {
                AgentLog.info("instrumented " + type.getName());
            }
        }
    }
}
