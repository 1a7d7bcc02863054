package dev.vigil.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RouteNormalizerTest {
    @ParameterizedTest
    @CsvSource({
        "/items/42, /items/{id}",
        "/items/42?x=1, /items/{id}",
        "/items/42#frag, /items/{id}",
        "/u/3f2504e0-4f89-11d3-9a0c-0305e82c3301/cart, /u/{id}/cart",
        "/blobs/deadbeefdeadbeef00, /blobs/{id}",
        "/t/eyJhbGciOiJIUzI1NiJ9xyz12, /t/{id}",
        "/items/42;jsessionid=ABC, /items/{id}",
        "/healthz, /healthz",
        "/v1/orders, /v1/orders",
        "/a/, /a/",
        "/, /",
    })
    void replacesIdentifiersWithATemplate(String raw, String expected) {
        assertThat(RouteNormalizer.normalize(raw)).isEqualTo(expected);
    }

    /** Containers hand the request URI over as sent; these all reached {@code /items/*} on Tomcat, Jetty or Undertow. */
    @ParameterizedTest
    @CsvSource({
        "/items/%34%32, /items/{id}",
        "/items/4%32, /items/{id}",
        "//items/10, /items/{id}",
        "/items//11, /items/{id}",
        "/items/./12, /items/{id}",
        "/items/%2e/14, /items/{id}",
        "/p/../items/13, /items/{id}",
        "/p/..;x=1/items/13, /items/{id}",
        "/../../items/15, /items/{id}",
        "/items/abc%20def, /items/abc def",
        "/caf%C3%A9/%F0%9F%98%80, /café/😀",
        "/items/%zz%4, /items/%zz%4",
        "/items/a%0Ab%00, /items/a%0Ab%00",
        "/items/%C3%28, /items/%C3%28",
        "/items/5/, /items/{id}/",
        "/items/5//, /items/{id}/",
        "/a/.., /",
        "/a/b/c/d/e/f/g/h/i/j/k/l/../m, /a/b/c/d/e/f/g/h/i/j/k/m",
    })
    void normalisesThePathAsTheContainerMappedIt(String raw, String expected) {
        assertThat(RouteNormalizer.normalize(raw)).isEqualTo(expected);
    }

    @Test
    void keepsAtMostTwelveSegments() {
        assertThat(RouteNormalizer.normalize("/a/b/c/d/e/f/g/h/i/j/k/l/m/n"))
                .isEqualTo("/a/b/c/d/e/f/g/h/i/j/k/l/{rest}");
    }

    @Test
    void prefersTheFrameworkTemplate() {
        assertThat(RouteNormalizer.route("/items/{itemId}", "/items/42", "", 200))
                .isEqualTo("/items/{itemId}");
    }

    @Test
    void stripsTheContextPath() {
        assertThat(RouteNormalizer.route(null, "/shop/items/7", "/shop", 200)).isEqualTo("/items/{id}");
        assertThat(RouteNormalizer.route(null, "/shop", "/shop", 200)).isEqualTo("/");
        // only whole segments (found by ScrapeInputsFuzzTest#routeNormalisation: "/" took the path's leading slash)
        assertThat(RouteNormalizer.route(null, "/items/7", "/", 200)).isEqualTo("/items/{id}");
        assertThat(RouteNormalizer.route(null, "/shopping/items/7", "/shop", 200))
                .isEqualTo("/shopping/items/{id}");
    }

    @Test
    void collapsesUnmatchedNotFoundAndRedirects() {
        assertThat(RouteNormalizer.route(null, "/wp-admin/x.php", "", 404)).isEqualTo("NOT_FOUND");
        assertThat(RouteNormalizer.route(null, "/old", "", 302)).isEqualTo("REDIRECTION");
    }
}
