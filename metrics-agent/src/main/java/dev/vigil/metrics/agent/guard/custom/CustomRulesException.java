package dev.vigil.metrics.agent.guard.custom;

import java.util.List;

/**
 * A rules file that cannot be used. The message is the first problem on one line, {@code FILE:LINE: field 'F': what
 * is wrong}, e.g. {@code rules.yaml:7: field 'priority': unknown priority 'High', expected one of Emergency, …};
 * {@link #problems()} lists every problem found, in file order, in the same form.
 */
public final class CustomRulesException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;
    private final int line;
    private final String field;

    CustomRulesException(List<Problem> problems) {
        super(problems.get(0).toString(), null, false, false);
        this.problems = problems.stream().map(Problem::toString).toList();
        this.line = problems.get(0).line();
        this.field = problems.get(0).field();
    }

    /** Every problem, one line each, the first being {@link #getMessage()}. */
    public List<String> problems() {
        return problems;
    }

    /** The 1-based line of the first problem. */
    public int line() {
        return line;
    }

    /** The field of the first problem, e.g. {@code condition} or {@code exceptions[0].condition}. */
    public String field() {
        return field;
    }

    /** One problem. */
    record Problem(String file, int line, String field, String message) {
        @Override
        public String toString() {
            return file + ":" + line + ": field '" + field + "': " + message;
        }
    }
}
