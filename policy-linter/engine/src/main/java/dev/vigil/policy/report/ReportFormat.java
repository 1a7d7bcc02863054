package dev.vigil.policy.report;

import java.util.Locale;

/** The report formats of {@code vigil lint --format} and the Maven plugin. */
public enum ReportFormat {
    /** Human-readable, grouped by file, one summary line. */
    TEXT,
    /** Vigil's JSON report (findings, summary). */
    JSON,
    /** SARIF 2.1.0, as GitHub code scanning accepts it. */
    SARIF,
    /** JUnit XML for CI test tabs: one test case per object and profile. */
    JUNIT;

    /** The lower-case name users write, e.g. {@code sarif}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A writer for this format, without colour. */
    public ReportWriter writer() {
        return writer(false);
    }

    /**
     * A writer for this format.
     *
     * @param colour ANSI colours in the text format (front ends decide, e.g. only on a terminal); ignored by the
     *     others
     */
    public ReportWriter writer(boolean colour) {
        return switch (this) {
            case TEXT -> new TextReportWriter(colour);
            case JSON -> new JsonReportWriter();
            case SARIF -> new SarifReportWriter();
            case JUNIT -> new JunitReportWriter();
        };
    }

    /**
     * Parses {@code text}, {@code json}, {@code sarif} or {@code junit}.
     *
     * @throws IllegalArgumentException naming the value and the expected ones
     */
    public static ReportFormat parse(String name) {
        for (ReportFormat f : values()) {
            if (f.id().equals(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown format '" + name + "'; expected text, json, sarif or junit");
    }
}
