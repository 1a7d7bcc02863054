package dev.vigil.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JaxRsTemplatesTest {
    @ParameterizedTest(name = "{0} + {1} + {2} -> {3}")
    @CsvSource(
            delimiter = '|',
            value = {
                "/api | orders | {id: [0-9]+} | /api/orders/{id}",
                "/api/ | /orders/ | /{id}/ | /api/orders/{id}",
                "'' | orders | '' | /orders",
                "'' | '' | '' | /",
                "/ | / | / | /",
                "api | orders//items | { name } | /api/orders/items/{name}",
                "'' | codes | {code: [A-Z]{3}} | /codes/{code}",
                "'' | files | {path: .*/.*} | /files/{path}",
                "'' | a | {x:\\d+}-{y: [a-z]{2,4}}.json | /a/{x}-{y}.json",
                "'' | a | {broken: [0-9]+ | /a/{broken: [0-9]+",
            })
    void joinsPathsWithSingleSlashesAndDropsParameterRegexes(
            String servletPath, String classPath, String methodPath, String expected) {
        assertThat(JaxRsTemplates.join(servletPath, classPath, methodPath)).isEqualTo(expected);
    }

    @Test
    void skipsNullParts() {
        assertThat(JaxRsTemplates.join(null, "orders", null)).isEqualTo("/orders");
        assertThat(JaxRsTemplates.join((String) null)).isEqualTo("/");
    }

    @Test
    void concatenatesSubResourceLocators() {
        String locator = JaxRsTemplates.join("orders", "{id: [0-9]+}/lines");
        assertThat(JaxRsTemplates.join(locator, "/{line}/")).isEqualTo("/orders/{id}/lines/{line}");
    }

    @Test
    void servletPathIsAPrefixOnlyForPathMappings() {
        assertThat(JaxRsTemplates.servletPrefix("/api", "/orders/1")).isEqualTo("/api");
        assertThat(JaxRsTemplates.servletPrefix("", "/orders/1")).isEmpty();
        // default servlet ("/"): the servlet path is the whole path, not a prefix
        assertThat(JaxRsTemplates.servletPrefix("/orders/1", null)).isNull();
    }
}
