package dev.vigil.metrics.bench;

import dev.vigil.metrics.agent.ServletRecorder;
import dev.vigil.metrics.agent.WebFluxRecorder;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;

/**
 * What {@code guard=detect} adds to a WebFlux request that fires nothing, in CPU time: the {@code Mono} that
 * {@code HttpWebHandlerAdapter.handle} returns (here a {@code Mono.just} with the agent's metrics operators, as the
 * agent leaves it) subscribed as returned, against the same wrapped by the agent's own {@code withRequestContext}
 * (a {@code Publisher} proxy setting the request as the thread's current one around the subscription, through
 * {@code Mono.fromDirect}), both built per request. Reactor 3.8 and Spring Web 7, the versions of the Spring Boot 4
 * WebFlux sample. {@code jmh.sh GuardWebFluxCpu}.
 */
public final class GuardWebFluxCpu {
    private GuardWebFluxCpu() {}

    public static void main(String[] args) throws Exception {
        ServletRecorder.trackRequests(); // the guard is on: the class loader's Api gets its request context
        Class<?> apiType = Class.forName(WebFluxRecorder.class.getName() + "$Api");
        Constructor<?> newApi = apiType.getDeclaredConstructor(ClassLoader.class);
        newApi.setAccessible(true);
        Object api = newApi.newInstance(Mono.class.getClassLoader());
        Method withContext = apiType.getDeclaredMethod("withRequestContext", Object.class, Object.class);
        withContext.setAccessible(true);
        Object request = new Object();
        CoreSubscriber<Object> sink = new CoreSubscriber<>() {
            @Override
            public void onSubscribe(Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(Object o) {
                CpuTime.sink++;
            }

            @Override
            public void onError(Throwable t) {}

            @Override
            public void onComplete() {}
        };
        Map<String, CpuTime.Op> ops = new LinkedHashMap<>();
        ops.put("subscribe as handle returned it (guard=off)", () -> {
            handled().subscribe(sink);
            return 1;
        });
        ops.put("subscribe through the request context (guard=detect)", () -> {
            ((Mono<?>) withContext.invoke(api, handled(), request)).subscribe(sink);
            return 1;
        });
        CpuTime.run("WebFlux request subscription", ops, 200_000, 7, 200_000);
    }

    /** What the agent's metrics make of the handler's Mono: doOnError and doFinally. */
    private static Mono<String> handled() {
        return Mono.just("ok").doOnError(t -> {}).doFinally(s -> {});
    }
}
