package dev.vigil.vuln;

import java.util.Locale;

/** A finding's severity, from CVSS vectors or the database's own rating; {@code UNKNOWN} when neither says. */
public enum Severity {
    CRITICAL,
    HIGH,
    MEDIUM,
    LOW,
    UNKNOWN;

    /** The lower-case name used in every report ({@code critical}, …, {@code unknown}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Maps a database rating (GitHub's CRITICAL/HIGH/MODERATE/LOW, Debian's urgency words) or null to a severity. */
    public static Severity fromRating(String rating) {
        if (rating == null) {
            return UNKNOWN;
        }
        return switch (rating.trim().toUpperCase(Locale.ROOT)) {
            case "CRITICAL" -> CRITICAL;
            case "HIGH", "IMPORTANT" -> HIGH;
            case "MODERATE", "MEDIUM" -> MEDIUM;
            case "LOW", "NEGLIGIBLE", "UNIMPORTANT" -> LOW;
            default -> UNKNOWN;
        };
    }

    /** The CVSS qualitative rating of a base score. */
    public static Severity fromScore(double score) {
        if (score >= 9.0) {
            return CRITICAL;
        } else if (score >= 7.0) {
            return HIGH;
        } else if (score >= 4.0) {
            return MEDIUM;
        } else if (score > 0.0) {
            return LOW;
        }
        return UNKNOWN;
    }

    /** Rank for comparisons: higher is more severe, {@code UNKNOWN} lowest. */
    public int rank() {
        return UNKNOWN.ordinal() - ordinal();
    }
}
