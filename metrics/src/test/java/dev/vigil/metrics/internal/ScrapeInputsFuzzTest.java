package dev.vigil.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vigil.testsupport.FuzzProperties;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Fuzz targets for what a client sends the agent: the scrape request (Accept, Accept-Encoding, the {@code name[]}
 * query), the {@code traceparent} header and the request path that becomes the {@code uri} tag. None of them may
 * throw: a bad header is ignored, never a 500. Stored inputs run in every build; {@code benchmarks/fuzz.sh} fuzzes.
 * Each input is split at NUL bytes into the parts a target needs.
 */
class ScrapeInputsFuzzTest {
    @FuzzTest(maxDuration = "5m")
    void scrapeRequest(byte[] input) {
        String[] p = parts(input, 3);
        FuzzProperties.check("scrape request", () -> {
            ScrapeRequest r = ScrapeRequest.of(p[0], p[1], p[2]);
            assertThat(r.contentType()).isIn(ScrapeRequest.TEXT, ScrapeRequest.OPENMETRICS);
            if (r.names() != null) {
                assertThat(r.names()).isNotEmpty();
            }
            // round trip: a name sent URL-encoded is among the names asked for
            String name = p[0];
            ScrapeRequest one =
                    ScrapeRequest.of(null, null, "name[]=" + URLEncoder.encode(name, StandardCharsets.UTF_8));
            assertThat(one.names()).contains(name);
        });
    }

    @FuzzTest(maxDuration = "5m")
    void traceparent(byte[] input) {
        String header = new String(input, StandardCharsets.UTF_8);
        FuzzProperties.check("traceparent", () -> {
            TraceparentExemplars.Context c = TraceparentExemplars.parse(header);
            if (c != null) {
                assertThat(c.traceId()).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));
                assertThat(c.spanId()).matches("[0-9a-f]{16}").isNotEqualTo("0".repeat(16));
                // round trip: the ids as formatted by a sender parse back to the same context
                String again = "00-" + c.traceId() + "-" + c.spanId() + "-" + (c.sampled() ? "01" : "00");
                TraceparentExemplars.Context d = TraceparentExemplars.parse(again);
                assertThat(d).isNotNull();
                assertThat(d.traceId()).isEqualTo(c.traceId());
                assertThat(d.spanId()).isEqualTo(c.spanId());
                assertThat(d.sampled()).isEqualTo(c.sampled());
            }
        });
    }

    @FuzzTest(maxDuration = "5m")
    void routeNormalisation(byte[] input) {
        String[] p = parts(input, 2);
        FuzzProperties.check("route", () -> {
            String normalized = RouteNormalizer.normalize(p[0]);
            assertThat(normalized).doesNotContain("?", "#", "//");
            // at most 12 segments; a longer path ends in /{rest}; a trailing slash is kept and is no segment
            String kept = normalized.endsWith("/{rest}")
                    ? normalized.substring(0, normalized.length() - "/{rest}".length())
                    : normalized.endsWith("/") ? normalized.substring(0, normalized.length() - 1) : normalized;
            assertThat(kept.chars().filter(ch -> ch == '/').count())
                    .as("segments of %s", normalized)
                    .isLessThanOrEqualTo(12);
            assertThat(RouteNormalizer.normalize(normalized))
                    .as("normalising twice changes nothing")
                    .isEqualTo(normalized);
            String route = RouteNormalizer.route(null, p[0], p[1], 200);
            assertThat(route).isNotEmpty();
            if (p[0].startsWith("/")) { // containers hand over origin-form URIs; anything else is passed through
                assertThat(route).startsWith("/");
            }
        });
    }

    /** The input as UTF-8 text cut at its first {@code n - 1} NUL bytes; missing parts are null. */
    static String[] parts(byte[] input, int n) {
        String[] out = new String(input, StandardCharsets.UTF_8).split("\0", n);
        String[] padded = new String[n];
        System.arraycopy(out, 0, padded, 0, Math.min(n, out.length));
        return padded;
    }
}
