package dev.vigil.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RouteNormalizerTest {
    @ParameterizedTest
    @CsvSource({
        "/items/42, /items/{id}",
        "/items/42?x=1, /items/{id}",
        "/u/3f2504e0-4f89-11d3-9a0c-0305e82c3301/cart, /u/{id}/cart",
        "/healthz, /healthz",
    })
    void replacesIdentifiersWithATemplate(String raw, String expected) {
        assertThat(RouteNormalizer.normalize(raw)).isEqualTo(expected);
    }
}
