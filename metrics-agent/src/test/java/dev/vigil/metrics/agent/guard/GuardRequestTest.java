package dev.vigil.metrics.agent.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.metrics.MetricsConfig;
import dev.vigil.metrics.agent.ServletRecorder;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Events inside a request: the route and method come from the request the servlet hook keeps for the thread, and a
 * script or expression is an event only when it carries data the client sent. The request is a real
 * {@code jakarta.servlet} interface, implemented by a proxy.
 */
class GuardRequestTest {
    private final List<String> lines = new ArrayList<>();
    private final Guard guard = new Guard(
            MetricsConfig.parse("guard=block", Map.of(), Map.of()),
            new GuardCounters(),
            lines::add,
            new SensitivePaths("/home/app", "/srv/app"));

    @AfterEach
    void endRequest() {
        ServletRecorder.record(0L, "GET", null, null, null, "/", "", 200, null, null, null, null, null);
    }

    private static Object request(
            String method, String uri, String springPattern, Map<String, String> headers, String query) {
        return Proxy.newProxyInstance(
                GuardRequestTest.class.getClassLoader(), new Class<?>[] {HttpServletRequest.class}, (p, m, a) -> {
                    switch (m.getName()) {
                        case "getMethod":
                            return method;
                        case "getRequestURI":
                            return uri;
                        case "getContextPath":
                        case "getServletPath":
                            return "";
                        case "getAttribute":
                            return ServletRecorder.SPRING_PATTERN.equals(a[0]) ? springPattern : null;
                        case "getHeaderNames":
                            return Collections.enumeration(headers.keySet());
                        case "getHeaders":
                            return Collections.enumeration(
                                    headers.containsKey(a[0]) ? List.of(headers.get(a[0])) : List.of());
                        case "getQueryString":
                            return query;
                        case "getParameterMap":
                            return Map.of();
                        case "hashCode":
                            return System.identityHashCode(p);
                        default:
                            return null;
                    }
                });
    }

    @Test
    void anExpressionBuiltFromAHeaderIsBlockedWithTheRoute() {
        ServletRecorder.trackRequests();
        ServletRecorder.start(
                request("POST", "/orders/42", "/orders/{id}", Map.of("X-Filter", "T(java.lang.Runtime)"), null));

        Object r = GuardCallback.check(guard, "script", new Object[] {this, "price > 3 and T(java.lang.Runtime)"});

        assertThat(r).isInstanceOf(SecurityException.class);
        assertThat(((SecurityException) r).getMessage()).endsWith("rule script-from-request");
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0))
                .contains("\"http.route\":\"/orders/{id}\"", "\"http.method\":\"POST\"", "\"script.length\":\"34\"")
                .as("never the script nor the header value")
                .doesNotContain("Runtime", "X-Filter");
    }

    @Test
    void aQueryParameterCountsDecoded() {
        ServletRecorder.trackRequests();
        ServletRecorder.start(request("GET", "/calc", null, Map.of(), "expr=6%2A7&x=1"));

        assertThat(GuardCallback.check(guard, "script", new Object[] {this, "6*7"}))
                .isNotNull();
        assertThat(lines.get(0)).contains("\"http.route\":\"/calc\"");
    }

    @Test
    void aConstantScriptInsideARequestIsNot() {
        ServletRecorder.trackRequests();
        ServletRecorder.start(request("GET", "/report/7", null, Map.of("Accept", "text/html"), "year=2026"));

        assertThat(GuardCallback.check(guard, "script", new Object[] {this, "total * 1.2"}))
                .isNull();
        assertThat(lines).isEmpty();
    }

    @Test
    void theRouteIsTheNormalisedPathWithoutAFrameworkPattern() {
        ServletRecorder.trackRequests();
        ServletRecorder.start(request("GET", "/files/123/download", null, Map.of(), "token=abc"));

        GuardCallback.check(guard, "file.read", "/proc/self/environ");

        assertThat(lines.get(0))
                .contains("\"http.route\":\"/files/{id}/download\"")
                .doesNotContain("token", "123");
    }
}
