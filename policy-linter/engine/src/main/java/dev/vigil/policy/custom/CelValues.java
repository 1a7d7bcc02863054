package dev.vigil.policy.custom;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.values.NullValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns Jackson trees into the values CEL evaluates: maps, lists, strings, int64, double, bool and null. */
final class CelValues {
    private CelValues() {}

    static Object of(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return NullValue.NULL_VALUE;
        } else if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                map.put(e.getKey(), of(e.getValue()));
            }
            return Collections.unmodifiableMap(map);
        } else if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            node.forEach(item -> list.add(of(item)));
            return Collections.unmodifiableList(list);
        } else if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.asLong();
        } else if (node.isNumber()) {
            return node.asDouble();
        } else if (node.isBoolean()) {
            return node.asBoolean();
        }
        return node.asText();
    }
}
