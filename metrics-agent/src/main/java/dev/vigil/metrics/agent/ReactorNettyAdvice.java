package dev.vigil.metrics.agent;

import net.bytebuddy.asm.Advice;

/**
 * Byte Buddy advice inlined into Reactor Netty's HTTP client ({@code HttpClientConnect$HttpClientHandler},
 * {@code HttpClientOperations}); typed with {@code Object} only, the work is in {@link ReactorNettyRecorder}. Never
 * throws into the application.
 */
public final class ReactorNettyAdvice {
    private ReactorNettyAdvice() {}

    /**
     * {@code HttpClientHandler(HttpClientConfig)}: a request was subscribed to, its connection is about to be acquired
     * (one handler per subscription, kept across redirects and retries).
     */
    public static final class Connecting {
        private Connecting() {}

        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(@Advice.This Object handler) {
            ReactorNettyRecorder.connecting(handler);
        }
    }

    /** {@code requestWithBody(HttpClientOperations)}: the request is about to be sent. */
    public static final class RequestSent {
        private RequestSent() {}

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.This Object handler, @Advice.Argument(0) Object operations) {
            ReactorNettyRecorder.sent(handler, operations);
        }
    }

    /**
     * {@code test(Throwable)}: Reactor Netty's retry filter sees every error of the request's connection {@code Mono}
     * (a refused connection, an unknown host, a connect time-out, …) and answers whether it retries.
     */
    public static final class Failed {
        private Failed() {}

        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(
                @Advice.This Object handler, @Advice.Argument(0) Object error, @Advice.Return boolean retried) {
            ReactorNettyRecorder.connectionFailed(handler, error, retried);
        }
    }

    /** {@code onInboundNext(ctx, msg)}: the first inbound message is the response head, with its status. */
    public static final class Inbound {
        private Inbound() {}

        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(@Advice.This Object operations) {
            ReactorNettyRecorder.received(operations);
        }
    }

    /** {@code onOutboundError(Throwable)}: the request could not be sent. */
    public static final class OutboundError {
        private OutboundError() {}

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.This Object operations, @Advice.Argument(0) Throwable error) {
            ReactorNettyRecorder.failed(operations, error);
        }
    }

    /** {@code onInboundClose()}: the connection closed; before a response that is an error. */
    public static final class InboundClose {
        private InboundClose() {}

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.This Object operations) {
            ReactorNettyRecorder.failed(operations, null);
        }
    }
}
