package dev.vigil.metrics.agent;

import net.bytebuddy.asm.Advice;

/**
 * Byte Buddy advice inlined into Reactor Netty's HTTP client ({@code HttpClientConnect$HttpClientHandler},
 * {@code HttpClientOperations}); typed with {@code Object} only, the work is in {@link ReactorNettyRecorder}. Never
 * throws into the application.
 */
public final class ReactorNettyAdvice {
    private ReactorNettyAdvice() {}

    /** {@code requestWithBody(HttpClientOperations)}: the request is about to be sent. */
    public static final class RequestSent {
        private RequestSent() {}

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.Argument(0) Object operations) {
            ReactorNettyRecorder.sent(operations);
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
