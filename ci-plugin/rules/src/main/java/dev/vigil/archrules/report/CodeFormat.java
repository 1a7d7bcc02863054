package dev.vigil.archrules.report;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The report formats of the code rules, each with the file name the Maven plugin writes in {@code target/vigil} and
 * {@code vigil code --output DIR} writes in {@code DIR}.
 */
public enum CodeFormat {
    /** Findings grouped by rule, one line each, and a summary line: for people in a terminal. */
    TEXT("arch.txt"),
    /** Every finding with rule, CWE, OWASP category, location, fingerprint and data-flow path: for scripts. */
    JSON("arch.json"),
    /** SARIF 2.1.0 with codeFlows: for GitHub code scanning and IDEs. */
    SARIF("arch.sarif"),
    /** JUnit XML, one test case per rule: for CI test tabs. */
    JUNIT("TEST-vigil-arch.xml"),
    /** One self-contained HTML file: for people. */
    HTML("arch.html");

    private final String fileName;

    CodeFormat(String fileName) {
        this.fileName = fileName;
    }

    /** The report's file name in an output folder. */
    public String fileName() {
        return fileName;
    }

    /** {@code text}, {@code json}, … */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a format name (any case).
     *
     * @throws IllegalArgumentException {@code unknown format 'x'; expected text, json, sarif, junit or html}
     */
    public static CodeFormat parse(String name) {
        for (CodeFormat f : values()) {
            if (f.id().equalsIgnoreCase(name.strip())) {
                return f;
            }
        }
        String all = Arrays.stream(values()).map(CodeFormat::id).collect(Collectors.joining(", "));
        int last = all.lastIndexOf(", ");
        throw new IllegalArgumentException("unknown format '" + name.strip() + "'; expected " + all.substring(0, last)
                + " or " + all.substring(last + 2));
    }
}
