import io.grpc.CallOptions;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A real gRPC-java server and client (Netty transport from grpc-netty-shaded) in one JVM, without protobuf: service
 * {@code vigil.Echo}, a unary {@code Say} and a {@code Missing} that answers NOT_FOUND. Makes 3 Say and 2 Missing calls,
 * prints {@code LISTENING <server port>}, then (last argument ending in {@code keep-calling}) one Say call every 200 ms.
 */
public final class GrpcApp {
    static final MethodDescriptor.Marshaller<String> TEXT = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(String value) {
            return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String parse(InputStream stream) {
            try {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };
    static final MethodDescriptor<String, String> SAY = unary("Say");
    static final MethodDescriptor<String, String> MISSING = unary("Missing");

    private static MethodDescriptor<String, String> unary(String name) {
        return MethodDescriptor.<String, String>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(MethodDescriptor.generateFullMethodName("vigil.Echo", name))
                .setRequestMarshaller(TEXT)
                .setResponseMarshaller(TEXT)
                .build();
    }

    public static void main(String[] args) throws Exception {
        ServerServiceDefinition echo = ServerServiceDefinition.builder("vigil.Echo")
                .addMethod(SAY, ServerCalls.asyncUnaryCall((request, response) -> {
                    response.onNext("hello " + request);
                    response.onCompleted();
                }))
                .addMethod(
                        MISSING,
                        ServerCalls.asyncUnaryCall((request, response) -> response.onError(Status.NOT_FOUND
                                .withDescription("no " + request)
                                .asRuntimeException())))
                .build();
        Server server = Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
                .addService(echo)
                .build()
                .start();
        ManagedChannel channel = Grpc.newChannelBuilderForAddress(
                        "127.0.0.1", server.getPort(), InsecureChannelCredentials.create())
                .build();
        for (int i = 0; i < 3; i++) {
            ClientCalls.blockingUnaryCall(channel, SAY, CallOptions.DEFAULT, "world " + i);
        }
        for (int i = 0; i < 2; i++) {
            try {
                ClientCalls.blockingUnaryCall(channel, MISSING, CallOptions.DEFAULT, "thing " + i);
                throw new AssertionError("NOT_FOUND expected");
            } catch (StatusRuntimeException expected) {
                // counted with statusCode NOT_FOUND
            }
        }
        System.out.println("LISTENING " + server.getPort());
        if (args.length > 0 && args[args.length - 1].endsWith("keep-calling")) {
            while (true) {
                Thread.sleep(200);
                ClientCalls.blockingUnaryCall(channel, SAY, CallOptions.DEFAULT, "again");
            }
        }
        server.awaitTermination();
    }
}
