package dev.vigil.jwt;

import java.util.List;

/** The configuration has problems; all of them are listed, each naming the key, the value and what was expected. */
public final class InvalidConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    public InvalidConfigException(List<String> problems) {
        super("invalid vigil-jwt configuration (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
                + "):\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
