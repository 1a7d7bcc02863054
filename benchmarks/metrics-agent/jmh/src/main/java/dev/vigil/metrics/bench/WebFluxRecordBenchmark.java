package dev.vigil.metrics.bench;

import dev.vigil.metrics.HttpServerMetrics;
import dev.vigil.metrics.MetricsConfig;
import dev.vigil.metrics.VigilMetrics;
import dev.vigil.metrics.agent.WebFluxRecorder;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebHandler;
import org.springframework.web.server.adapter.HttpWebHandlerAdapter;
import org.springframework.web.server.handler.ExceptionHandlingWebHandler;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * Exactly what the agent adds to one WebFlux request: Spring's real {@code HttpWebHandlerAdapter} (Spring Web 7.0, Reactor
 * 3.8: the Spring Boot 4 sample's versions) handles a {@code GET /fast/42} whose handler sets the best matching pattern
 * (a {@code PathPattern}, as Spring's handler mapping does) and the status, and the returned {@code Mono} is subscribed;
 * {@code recorded} is the same adapter with what the agent's advice inlines into {@code createExchange} and
 * {@code handle} ({@link WebFluxRecorder#exchangeCreated}, {@link WebFluxRecorder#server}: the recorder's start and,
 * when the {@code Mono} terminates, its finish into the agent's {@code http_server_requests_seconds} histogram). The
 * difference is the agent's cost per request; next to the CPU per request of the whole application (webflux.sh's
 * no-agent row) it is the throughput cost by construction. {@code jmh.sh WebFluxRecord} (wall time, JMH) or
 * {@code jmh.sh WebFluxRecordCpu} (thread CPU time, variants interleaved: for a loaded machine).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class WebFluxRecordBenchmark {
    private static final PathPattern PATTERN = PathPatternParser.defaultInstance.parse("/fast/{id}");

    VigilMetrics metrics;
    HttpWebHandlerAdapter plain;
    HttpWebHandlerAdapter recording;
    ServerHttpRequest request;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        metrics = VigilMetrics.create(MetricsConfig.parse("jvm=false", Map.of(), Map.of()));
        Method install = WebFluxRecorder.class.getDeclaredMethod("install", HttpServerMetrics.class);
        install.setAccessible(true);
        install.invoke(null, metrics.httpServer());
        WebHandler handler = exchange -> {
            exchange.getAttributes().put(WebFluxHandlers.PATTERN_ATTRIBUTE, PATTERN);
            exchange.getResponse().setStatusCode(HttpStatus.OK);
            return Mono.empty();
        };
        plain = new HttpWebHandlerAdapter(new ExceptionHandlingWebHandler(handler, List.of()));
        recording = new RecordingAdapter(new ExceptionHandlingWebHandler(handler, List.of()));
        // what wrk sends; the request is immutable and reused, the response is per request
        request = MockServerHttpRequest.get("http://127.0.0.1:8080/fast/42")
                .header("Host", "127.0.0.1:8080")
                .build();
        if (recorded() + none() < 0) {
            throw new IllegalStateException();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        metrics.close();
    }

    /** The request handled without the agent. */
    @Benchmark
    public int none() {
        return handle(plain);
    }

    /** The same request with the agent's advice, recorded in the histogram. */
    @Benchmark
    public int recorded() {
        return handle(recording);
    }

    private int handle(HttpWebHandlerAdapter adapter) {
        ServerHttpResponse response = new MockServerHttpResponse();
        adapter.handle(request, response).subscribe();
        return response.getStatusCode().value();
    }

    /** The recorded request count (for a check that recording happened). */
    double count() {
        return metrics.registry().find("http.server.requests").timer().count();
    }

    /** What the Byte Buddy advice inlines into the adapter, as plain code. */
    static final class RecordingAdapter extends HttpWebHandlerAdapter {
        RecordingAdapter(WebHandler delegate) {
            super(delegate);
        }

        @Override
        protected ServerWebExchange createExchange(ServerHttpRequest request, ServerHttpResponse response) {
            ServerWebExchange exchange = super.createExchange(request, response);
            WebFluxRecorder.exchangeCreated(exchange);
            return exchange;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Mono<Void> handle(ServerHttpRequest request, ServerHttpResponse response) {
            long start = System.nanoTime();
            Mono<Void> mono = super.handle(request, response);
            return (Mono<Void>) WebFluxRecorder.server(mono, request, response, start);
        }
    }

    /** Spring's attribute name, spelled out: spring-webflux is not on this class path. */
    static final class WebFluxHandlers {
        static final String PATTERN_ATTRIBUTE = "org.springframework.web.reactive.HandlerMapping.bestMatchingPattern";

        private WebFluxHandlers() {}
    }
}
