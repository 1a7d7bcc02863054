package dev.vigil.metrics.agent.guard.custom;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One custom guard rule from a rules file (see {@link CustomRules}). Implementations are immutable and thread-safe;
 * no method throws into the caller.
 */
public interface CustomRule {
    /** The rule's id (the {@code rule} key), unique within its file. */
    String id();

    /** Falco priority, capitalised as Falco prints it: {@code Emergency}, …, {@code Critical}, …, {@code Debug}. */
    String priority();

    /** The rule's {@code tags}, in file order (empty when none). */
    List<String> tags();

    /**
     * The event kinds this rule can match, when its condition's top level names them ({@code kind == "process" &&
     * …}); empty for a disabled rule; null when it may match an event of any kind. The guard builds an event's fields
     * only for kinds some rule can match.
     */
    default Set<String> kinds() {
        return null;
    }

    /**
     * Whether an event matches: the rule is enabled, its {@code condition} evaluates to true and none of its
     * {@code exceptions} does. A condition that cannot be evaluated for this event (a field it reads is missing, a
     * comprehension exceeds its iteration budget, …) does not match; an exception that cannot be evaluated does not
     * suppress.
     *
     * @param kind the event kind: {@code process}, {@code file}, {@code jndi}, {@code deserialize}, {@code connect},
     *     {@code classload} or {@code script}
     * @param fields Falco-style fields of the event, e.g. {@code proc.cmdline}, {@code fd.name}, {@code net.port}
     *     (all values are strings)
     */
    boolean matches(String kind, Map<String, String> fields);

    /**
     * The rule's {@code output} template with its {@code %field} placeholders filled from {@code fields}; a field
     * that is absent renders as {@code <NA>} (as in Falco). Control characters in values become spaces, and a value
     * is cut at 1,000 characters.
     */
    String render(Map<String, String> fields);
}
