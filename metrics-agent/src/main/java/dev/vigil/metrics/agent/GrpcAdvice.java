package dev.vigil.metrics.agent;

import net.bytebuddy.asm.Advice;

/**
 * Byte Buddy advice inlined into grpc-java's {@code io.grpc.internal.ServerCallImpl} and {@code ClientCallImpl} (the
 * one server call and the one client call implementation of every transport: Netty, shaded Netty, OkHttp, in-process);
 * typed with {@code Object} only, the work is in {@link GrpcRecorder}. Never throws into the application.
 */
public final class GrpcAdvice {
    private GrpcAdvice() {}

    /** A server call was created for an arriving request: {@code ServerCallImpl(stream, method, ...)}. */
    public static final class ServerCallCreated {
        private ServerCallCreated() {}

        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(@Advice.This Object call, @Advice.Argument(1) Object method) {
            GrpcRecorder.started(call, method);
        }
    }

    /** {@code ServerCallImpl#close(Status, Metadata)}: the server's final status. */
    public static final class ServerClose {
        private ServerClose() {}

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.This Object call, @Advice.Argument(0) Object status) {
            GrpcRecorder.serverClosed(call, status);
        }
    }

    /** A client call was created: {@code ClientCallImpl(method, ...)}. */
    public static final class ClientCallCreated {
        private ClientCallCreated() {}

        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(@Advice.This Object call, @Advice.Argument(0) Object method) {
            GrpcRecorder.started(call, method);
        }
    }

    /** {@code ClientCallImpl#closeObserver(listener, Status, trailers)}: the status the client's listener gets. */
    public static final class ClientClose {
        private ClientClose() {}

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.This Object call, @Advice.Argument(1) Object status) {
            GrpcRecorder.clientClosed(call, status);
        }
    }
}
