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
    }

    @Test
    void collapsesUnmatchedNotFoundAndRedirects() {
        assertThat(RouteNormalizer.route(null, "/wp-admin/x.php", "", 404)).isEqualTo("NOT_FOUND");
        assertThat(RouteNormalizer.route(null, "/old", "", 302)).isEqualTo("REDIRECTION");
    }
}
