package dev.vigil.bench.jwt;

import dev.vigil.jwt.JwtAuthFilter;
import dev.vigil.jwt.JwtFilterConfig;
import dev.vigil.jwt.JwtValidator;
import dev.vigil.jwt.TrustedIssuer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Filter overhead beyond validation: the whole {@code doFilter} (header parsing, path rules, request wrapper,
 * attribute) against {@link JwtValidator#validate} alone, both on a cache hit. Request and response are
 * reflection proxies, so the measured overhead is an upper bound.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FilterBenchmark {
    private JwtAuthFilter filter;
    private JwtValidator validator;
    private HttpServletRequest request;
    private HttpServletResponse response;
    private String token;
    private final FilterChain chain = (req, resp) -> {};

    @Setup
    public void setUp() throws Exception {
        BenchTokens t = new BenchTokens("RS256");
        token = t.token;
        JwtFilterConfig config = JwtFilterConfig.builder()
                .audience(BenchTokens.AUDIENCE)
                .trust(TrustedIssuer.keys(BenchTokens.ISSUER, t.publicSet()))
                .meterRegistry(new SimpleMeterRegistry())
                .build();
        filter = new JwtAuthFilter(config);
        validator = JwtValidator.create(config);
        String header = "Bearer " + token;
        request = (HttpServletRequest) Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getHeaders" -> Collections.enumeration(Collections.singletonList(header));
                    case "getServletPath" -> "/api/orders";
                    case "getMethod" -> "GET";
                    case "hashCode" -> 1;
                    default -> null;
                });
        response = (HttpServletResponse) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> null);
        filter.doFilter(request, response, chain);
        validator.validate(token);
    }

    @TearDown
    public void tearDown() {
        filter.destroy();
        validator.close();
    }

    @Benchmark
    public Object validatorCachedHit() throws Exception {
        return validator.validate(token);
    }

    @Benchmark
    public HttpServletRequest filterCachedHit() throws Exception {
        filter.doFilter(request, response, chain);
        return request;
    }
}
