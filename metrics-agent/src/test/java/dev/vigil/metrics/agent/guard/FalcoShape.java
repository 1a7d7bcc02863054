package dev.vigil.metrics.agent.guard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The event contract of issue 19: Falco's JSON output shape, checked field by field. */
public final class FalcoShape {
    private static final List<String> PRIORITIES =
            List.of("Emergency", "Alert", "Critical", "Error", "Warning", "Notice", "Informational", "Debug");

    private FalcoShape() {}

    /** Asserts the shape and returns the event. */
    public static JsonNode check(JsonNode e) {
        List<String> keys = new ArrayList<>();
        e.fieldNames().forEachRemaining(keys::add);
        assertThat(keys)
                .containsExactly("time", "rule", "priority", "output", "output_fields", "source", "tags", "hostname");
        assertThat(e.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z");
        assertThat(e.get("rule").asText()).matches("[a-z]+(-[a-z]+)*");
        assertThat(PRIORITIES).contains(e.get("priority").asText());
        assertThat(e.get("output").asText()).isNotBlank();
        assertThat(e.get("source").asText()).isEqualTo("vigil-jvm");
        assertThat(e.get("output_fields").isObject()).isTrue();
        e.get("output_fields")
                .properties()
                .forEach(
                        f -> assertThat(f.getValue().isTextual()).as(f.getKey()).isTrue());
        assertThat(e.get("output_fields").has("thread.name")).isTrue();
        assertThat(e.get("output_fields").has("java.stack")).isTrue();
        List<String> tags = new ArrayList<>();
        e.get("tags").forEach(t -> tags.add(t.asText()));
        assertThat(tags.contains("detected") ^ tags.contains("blocked"))
                .as("exactly one of detected / blocked in %s", tags)
                .isTrue();
        return e;
    }
}
