package dev.vigil.vuln.suppress;

import dev.vigil.vuln.Finding;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Suppressions from {@code .vigil.yaml} (with a reason and an optional expiry: past it, a suppression stops applying
 * and the scan warns, as the linter's exemptions do) and VEX {@code not_affected} statements.
 */
public final class Suppressions {
    private final List<Ignore> ignores;
    private final List<VexStatement> vex;
    private final LocalDate today;
    private final List<String> warnings = new ArrayList<>();

    /**
     * One configured suppression.
     *
     * @param id the advisory id or any alias
     * @param pkg {@code group:artifact}, a binary package name or a purl prefix; null for every package
     * @param reason why it is suppressed (required)
     * @param expires the last day it applies, or null
     * @param where {@code .vigil.yaml:LINE}
     */
    public record Ignore(String id, String pkg, String reason, LocalDate expires, String where) {}

    /**
     * One VEX {@code not_affected} statement.
     *
     * @param id the vulnerability id
     * @param products purls it covers (without a version, any version); empty means every product
     * @param justification the justification or impact statement
     * @param source the VEX document
     */
    public record VexStatement(String id, List<String> products, String justification, String source) {}

    private Suppressions(List<Ignore> ignores, List<VexStatement> vex, LocalDate today) {
        this.ignores = List.copyOf(ignores);
        this.vex = List.copyOf(vex);
        this.today = today;
        for (Ignore i : this.ignores) {
            if (i.expires() != null && today.isAfter(i.expires())) {
                warnings.add(i.where() + ": suppression of " + i.id() + " expired on " + i.expires()
                        + "; it no longer applies");
            }
        }
    }

    /** No suppressions. */
    public static Suppressions none() {
        return new Suppressions(List.of(), List.of(), LocalDate.now());
    }

    /** Configured suppressions and VEX statements, evaluated on {@code today}. */
    public static Suppressions of(List<Ignore> ignores, List<VexStatement> vex, LocalDate today) {
        return new Suppressions(ignores, vex, today);
    }

    /** Expired suppressions, one line each. */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** {@code f}, suppressed when a live suppression or a VEX statement covers it. */
    public Finding apply(Finding f) {
        for (Ignore i : ignores) {
            if ((i.expires() == null || !today.isAfter(i.expires()))
                    && hasId(f, i.id())
                    && (i.pkg() == null || packageMatches(f, i.pkg()))) {
                return f.suppress(i.reason());
            }
        }
        for (VexStatement s : vex) {
            if (hasId(f, s.id())
                    && (s.products().isEmpty() || s.products().stream().anyMatch(p -> purlCovers(p, f)))) {
                return f.suppress("VEX not_affected (" + s.source() + "): " + s.justification());
            }
        }
        return f;
    }

    private static boolean hasId(Finding f, String id) {
        return f.ids().stream().anyMatch(x -> x.equalsIgnoreCase(id));
    }

    private static boolean packageMatches(Finding f, String pkg) {
        return pkg.equals(f.pkg().name()) || (pkg.startsWith("pkg:") && purlCovers(pkg, f));
    }

    /** A product purl without a version covers every version; with one, that version only; qualifiers ignored. */
    static boolean purlCovers(String product, Finding f) {
        String mine = stripQualifiers(f.pkg().purl());
        String theirs = stripQualifiers(product);
        if (theirs.contains("@")) {
            return theirs.equals(mine);
        }
        int at = mine.lastIndexOf('@');
        return (at >= 0 ? mine.substring(0, at) : mine).equals(theirs);
    }

    private static String stripQualifiers(String purl) {
        int q = purl.indexOf('?');
        int h = purl.indexOf('#');
        int end = q >= 0 ? q : h >= 0 ? h : purl.length();
        return purl.substring(0, end);
    }
}
