package dev.vigil.metrics.agent.guard.custom;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** A custom rule whose condition and exceptions are CEL. */
final class CelRule implements CustomRule {
    /** A named exception: when its condition holds, the rule does not fire. */
    record Exception(String name, CelCondition condition) {}

    private final String id;
    private final String description;
    private final String priority;
    private final List<String> tags;
    private final boolean enabled;
    private final CelCondition condition;
    private final List<Exception> exceptions;
    private final OutputTemplate output;

    CelRule(
            String id,
            String description,
            String priority,
            List<String> tags,
            boolean enabled,
            CelCondition condition,
            List<Exception> exceptions,
            OutputTemplate output) {
        this.id = id;
        this.description = description;
        this.priority = priority;
        this.tags = List.copyOf(tags);
        this.enabled = enabled;
        this.condition = condition;
        this.exceptions = List.copyOf(exceptions);
        this.output = output;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String priority() {
        return priority;
    }

    @Override
    public List<String> tags() {
        return tags;
    }

    /** The {@code desc} text. */
    String description() {
        return description;
    }

    boolean enabled() {
        return enabled;
    }

    @Override
    public Set<String> kinds() {
        return enabled ? condition.kinds() : Set.of();
    }

    @Override
    public boolean matches(String kind, Map<String, String> fields) {
        if (!enabled || !condition.appliesTo(kind)) {
            return false;
        }
        try {
            Map<String, Object> activation = CelCondition.activation(kind, fields);
            if (!condition.test(activation)) {
                return false;
            }
            for (Exception e : exceptions) {
                if (e.condition().test(activation)) {
                    return false;
                }
            }
            return true;
        } catch (RuntimeException e) { // e.g. a map that refuses get(null): never into the application
            return false;
        }
    }

    @Override
    public String render(Map<String, String> fields) {
        try {
            return output.render(fields);
        } catch (RuntimeException e) {
            return id;
        }
    }

    @Override
    public String toString() {
        return "CustomRule[" + id + ", " + priority + (enabled ? "" : ", disabled") + "]";
    }
}
