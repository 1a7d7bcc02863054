package dev.vigil.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vigil.testsupport.FuzzProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.DispatcherType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http.HttpTester;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzz target for what a browser, or anyone, sends the session endpoints: the {@code Cookie} header(s) with the
 * refresh and device cookies, the {@code Origin} header, the method and the {@code User-Agent}, parsed by real Jetty
 * 12 (an in-process {@link LocalConnector}: the container's HTTP and cookie parsers, then the filter). The input is
 * cut at NUL bytes: a selector (its first byte picks login, refresh or logout and the method), the Origin (absent when
 * there is no part), the Cookie header, a second Cookie header, the User-Agent. In the Origin and the cookies,
 * {@code {own}} becomes the server's own origin, {@code {rt}} the live session's refresh token and {@code {dev}} its
 * device id, so the fuzzer reaches rotation, reuse and device checks.
 *
 * <p>Properties: never a 5xx (nothing escapes the filter); an endpoint answers 2xx only to a request whose Origin is
 * the server's own or an allowed one; a refresh answers 200 only to a request that carried the live refresh token;
 * a cross-site (403) or wrong-method (405) request never touches the cookies; every Set-Cookie is one of the
 * filter's two cookies with a value from the token alphabet and the fixed attributes, never text from the request;
 * a request never takes longer than {@link FuzzProperties#PER_INPUT}. Stored inputs run in every build.
 */
class SessionCookieFuzzTest {
    private static final String HOST = "vigil.test";
    private static final String OWN = "http://" + HOST;
    private static final String ALLOWED = "https://app.example";
    private static final String RT = "__Host-vigil-rt";
    private static final String DEV = "__Host-vigil-device";
    private static final Pattern SET_COOKIE = Pattern.compile(
            "(__Host-vigil-rt|__Host-vigil-device)=([A-Za-z0-9_-]*); Max-Age=(\\d+); Path=/; Secure; HttpOnly;"
                    + " SameSite=Strict");
    private static final String[] OTHER_METHODS = {"GET", "PUT", "DELETE", "PATCH", "OPTIONS"};

    private static final Server SERVER = new Server();
    private static final LocalConnector CONNECTOR = new LocalConnector(SERVER);

    /** The live session the placeholders name; replaced when a request ends it. */
    private static String refreshToken;

    private static String device;

    static {
        JwtAuthFilter filter = new JwtAuthFilter(JwtFilterConfig.builder()
                .sessions(true)
                .audience("orders-api")
                .pathRule(PathRule.permit("/auth/login"))
                .allowedOrigins(Set.of(ALLOWED))
                // short lifetimes: families the fuzzer creates expire and are pruned, so memory stays bounded
                .accessTokenTtl(Duration.ofSeconds(30))
                .refreshLifetimes(Duration.ofSeconds(60), Duration.ofSeconds(60))
                .meterRegistry(new SimpleMeterRegistry())
                .build());
        SERVER.addConnector(CONNECTOR);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new DemoAppServlet()), "/*");
        SERVER.setHandler(context);
        try {
            SERVER.start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        login();
    }

    @FuzzTest(maxDuration = "5m")
    void sessionEndpoints(byte[] input) {
        String[] p = new String(input, StandardCharsets.UTF_8).split("\0", 5);
        if (p[0].isEmpty()) {
            return;
        }
        int selector = p[0].charAt(0);
        String path;
        String method;
        switch (selector % 6) {
            case 0, 1 -> {
                path = "/auth/refresh";
                method = "POST";
            }
            case 2 -> {
                path = "/auth/refresh";
                method = OTHER_METHODS[(selector / 6) % OTHER_METHODS.length];
            }
            case 3 -> {
                path = "/auth/logout";
                method = "POST";
            }
            case 4 -> {
                path = "/auth/logout";
                method = OTHER_METHODS[(selector / 6) % OTHER_METHODS.length];
            }
            default -> {
                path = "/auth/login";
                method = "POST";
            }
        }
        String origin = p.length > 1 ? header(p[1]) : null;
        List<String> cookies = new ArrayList<>();
        for (int i = 2; i < Math.min(p.length, 4); i++) {
            cookies.add(header(p[i]));
        }
        String userAgent = p.length > 4 ? header(p[4]) : "fuzz";
        String liveToken = refreshToken;

        StringBuilder raw = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + HOST + "\r\n");
        if (origin != null) {
            raw.append("Origin: ").append(origin).append("\r\n");
        }
        for (String c : cookies) {
            raw.append("Cookie: ").append(c).append("\r\n");
        }
        raw.append("User-Agent: ").append(userAgent).append("\r\n");
        String body = path.equals("/auth/login") ? "user=alice" : "";
        raw.append("Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ")
                .append(body.getBytes(StandardCharsets.UTF_8).length)
                .append("\r\nConnection: close\r\n\r\n")
                .append(body);

        FuzzProperties.check("session endpoints", () -> {
            HttpTester.Response r = HttpTester.parseResponse(CONNECTOR.getResponse(raw.toString()));
            assertThat(r).as("no response to %s", raw).isNotNull();
            int status = r.getStatus();
            List<String> setCookies = r.getValuesList("Set-Cookie");
            assertThat(status).as("status for %s", raw).isIn(200, 204, 400, 401, 403, 405, 431);
            if (status == 400 || status == 431) {
                return; // refused by Jetty's parser before the filter ran
            }
            if (status / 100 == 2) {
                assertThat(origin)
                        .as("a cross-site request was served: %s", raw)
                        .isNotNull()
                        .satisfiesAnyOf(
                                o -> assertThat(o.strip()).isEqualToIgnoringCase(OWN),
                                o -> assertThat(o.strip()).isEqualTo(ALLOWED));
            }
            if (status == 200 && path.equals("/auth/refresh")) {
                assertThat(String.join("\n", cookies))
                        .as("a refresh without the live refresh token succeeded: %s", raw)
                        .contains(liveToken);
            }
            if (status == 403 || status == 405) {
                assertThat(setCookies)
                        .as("a refused request changed cookies: %s", raw)
                        .isEmpty();
            }
            for (String set : setCookies) {
                assertThat(set).as("Set-Cookie for %s", raw).matches(SET_COOKIE);
            }
            follow(
                    path,
                    status,
                    setCookies,
                    liveToken,
                    String.join("\n", cookies).contains(liveToken));
        });
    }

    /**
     * Keeps the live session current: takes a rotated token, logs in again when a request that carried the live
     * token ended the session (a request without it clears the cookie it sent, but leaves the live session alone).
     */
    private static void follow(
            String path, int status, List<String> setCookies, String liveToken, boolean carriedLiveToken) {
        if (path.equals("/auth/login")) {
            return; // a fuzzed login starts another session; the live one stays
        }
        for (String set : setCookies) {
            Matcher m = SET_COOKIE.matcher(set);
            if (m.matches() && m.group(1).equals(RT)) {
                if (m.group(2).isEmpty()) {
                    if (carriedLiveToken) {
                        login(); // the filter cleared the cookie: the live session is over
                    }
                } else if (status == 200) {
                    assertThat(m.group(2)).isNotEqualTo(liveToken);
                    refreshToken = m.group(2);
                }
                return;
            }
        }
    }

    /** Neither CR, LF nor NUL can be part of a header value on the wire; they end it. */
    private static String header(String s) {
        return s.replace("{own}", OWN)
                .replace("{rt}", refreshToken)
                .replace("{dev}", device)
                .replaceAll("[\r\n\0]", " ");
    }

    private static void login() {
        try {
            String raw = "POST /auth/login HTTP/1.1\r\nHost: " + HOST + "\r\nOrigin: " + OWN
                    + "\r\nUser-Agent: fuzz\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    + "Content-Length: 10\r\nConnection: close\r\n\r\nuser=alice";
            HttpTester.Response r = HttpTester.parseResponse(CONNECTOR.getResponse(raw));
            if (r == null || r.getStatus() != 200) {
                throw new IllegalStateException("login failed: " + (r == null ? "no response" : r.getStatus()));
            }
            for (String set : r.getValuesList("Set-Cookie")) {
                Matcher m = SET_COOKIE.matcher(set);
                if (m.matches() && m.group(1).equals(RT)) {
                    refreshToken = m.group(2);
                } else if (m.matches() && m.group(1).equals(DEV)) {
                    device = m.group(2);
                }
            }
            if (refreshToken == null || device == null) {
                throw new IllegalStateException("login set no session cookies: " + r);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        SERVER.stop();
    }
}
