package dev.vigil.metrics.agent;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Byte Buddy advice inlined into Spring WebFlux's {@code HttpWebHandlerAdapter} (the door every WebFlux request on
 * Reactor Netty, Tomcat, Jetty or Undertow walks through). Typed with {@code Object} only, so the agent needs neither
 * Spring nor Reactor; everything else happens in {@link WebFluxRecorder}. Never throws into the application.
 */
public final class WebFluxAdvice {
    private WebFluxAdvice() {}

    /** {@code handle(ServerHttpRequest, ServerHttpResponse)}: times the returned {@code Mono} until it terminates. */
    public static final class Handle {
        private Handle() {}

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static long enter() {
            return System.nanoTime();
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(
                @Advice.Enter long start,
                @Advice.Argument(0) Object request,
                @Advice.Argument(1) Object response,
                @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object mono) {
            mono = WebFluxRecorder.server(mono, request, response, start);
        }
    }

    /** {@code createExchange(request, response)}: remembers the exchange for the {@code handle} call it belongs to. */
    public static final class CreateExchange {
        private CreateExchange() {}

        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(@Advice.Return Object exchange) {
            WebFluxRecorder.exchangeCreated(exchange);
        }
    }

    /**
     * {@code handleUnresolvedError(exchange, [observation context,] error)} (private; the observation context since
     * Spring 6.1): an error no {@code WebExceptionHandler} resolved. Only runs for such errors.
     */
    public static final class UnresolvedError {
        private UnresolvedError() {}

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.Argument(0) Object exchange, @Advice.AllArguments Object[] arguments) {
            WebFluxRecorder.unresolvedError(exchange, arguments);
        }
    }
}
