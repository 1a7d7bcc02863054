package dev.vigil.vuln;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CVSS v4.0 scores from vectors, as the specification defines them (section 8, "CVSS v4.0 Scoring"): the vector's
 * MacroVector (EQ1–EQ6) picks a score from FIRST's lookup table ({@code cvss4-macrovectors.txt}), which is then
 * interpolated towards the next lower MacroVectors by the vector's severity distance from the MacroVector's highest
 * severity vectors. The arithmetic follows FIRST's reference calculator step by step (the same floating-point
 * operations in the same order, and its rounding to one decimal with a 10⁻⁶ epsilon), so scores agree to the decimal.
 * Threat ({@code E}) and environmental ({@code CR}…{@code MSA}) metrics are honoured; supplemental metrics are
 * accepted and do not score.
 */
public final class Cvss4 {
    private static final Map<String, Double> LOOKUP = lookup();

    /** Each metric's allowed values, in the specification's order. */
    private static final Map<String, String> VALUES = Map.ofEntries(
            Map.entry("AV", "NALP"),
            Map.entry("AC", "LH"),
            Map.entry("AT", "NP"),
            Map.entry("PR", "NLH"),
            Map.entry("UI", "NPA"),
            Map.entry("VC", "HLN"),
            Map.entry("VI", "HLN"),
            Map.entry("VA", "HLN"),
            Map.entry("SC", "HLN"),
            Map.entry("SI", "HLN"),
            Map.entry("SA", "HLN"),
            Map.entry("E", "XAPU"),
            Map.entry("CR", "XHML"),
            Map.entry("IR", "XHML"),
            Map.entry("AR", "XHML"),
            Map.entry("MAV", "XNALP"),
            Map.entry("MAC", "XLH"),
            Map.entry("MAT", "XNP"),
            Map.entry("MPR", "XNLH"),
            Map.entry("MUI", "XNPA"),
            Map.entry("MVC", "XHLN"),
            Map.entry("MVI", "XHLN"),
            Map.entry("MVA", "XHLN"),
            Map.entry("MSC", "XHLN"),
            Map.entry("MSI", "XSHLN"),
            Map.entry("MSA", "XSHLN"),
            Map.entry("S", "XNP"),
            Map.entry("AU", "XNY"),
            Map.entry("R", "XAUI"),
            Map.entry("V", "XDC"),
            Map.entry("RE", "XLMH"));

    private static final List<String> BASE = List.of("AV", "AC", "AT", "PR", "UI", "VC", "VI", "VA", "SC", "SI", "SA");
    private static final Set<String> URGENCY = Set.of("X", "Clear", "Green", "Amber", "Red");

    /** The levels of the reference calculator (its severity distances are differences of these). */
    private static final Map<String, Map<String, Double>> LEVELS = Map.ofEntries(
            Map.entry("AV", Map.of("N", 0.0, "A", 0.1, "L", 0.2, "P", 0.3)),
            Map.entry("PR", Map.of("N", 0.0, "L", 0.1, "H", 0.2)),
            Map.entry("UI", Map.of("N", 0.0, "P", 0.1, "A", 0.2)),
            Map.entry("AC", Map.of("L", 0.0, "H", 0.1)),
            Map.entry("AT", Map.of("N", 0.0, "P", 0.1)),
            Map.entry("VC", Map.of("H", 0.0, "L", 0.1, "N", 0.2)),
            Map.entry("VI", Map.of("H", 0.0, "L", 0.1, "N", 0.2)),
            Map.entry("VA", Map.of("H", 0.0, "L", 0.1, "N", 0.2)),
            Map.entry("SC", Map.of("H", 0.1, "L", 0.2, "N", 0.3)),
            Map.entry("SI", Map.of("S", 0.0, "H", 0.1, "L", 0.2, "N", 0.3)),
            Map.entry("SA", Map.of("S", 0.0, "H", 0.1, "L", 0.2, "N", 0.3)),
            Map.entry("CR", Map.of("H", 0.0, "M", 0.1, "L", 0.2)),
            Map.entry("IR", Map.of("H", 0.0, "M", 0.1, "L", 0.2)),
            Map.entry("AR", Map.of("H", 0.0, "M", 0.1, "L", 0.2)));

    /** The highest severity vectors of each EQ level (the specification's tables 24–30). */
    private static final List<List<String>> EQ1_MAX = List.of(
            List.of("AV:N/PR:N/UI:N"),
            List.of("AV:A/PR:N/UI:N", "AV:N/PR:L/UI:N", "AV:N/PR:N/UI:P"),
            List.of("AV:P/PR:N/UI:N", "AV:A/PR:L/UI:P"));

    private static final List<List<String>> EQ2_MAX = List.of(List.of("AC:L/AT:N"), List.of("AC:H/AT:N", "AC:L/AT:P"));

    private static final Map<String, List<String>> EQ3EQ6_MAX = Map.of(
            "00", List.of("VC:H/VI:H/VA:H/CR:H/IR:H/AR:H"),
            "01", List.of("VC:H/VI:H/VA:L/CR:M/IR:M/AR:H", "VC:H/VI:H/VA:H/CR:M/IR:M/AR:M"),
            "10", List.of("VC:L/VI:H/VA:H/CR:H/IR:H/AR:H", "VC:H/VI:L/VA:H/CR:H/IR:H/AR:H"),
            "11",
                    List.of(
                            "VC:L/VI:H/VA:L/CR:H/IR:M/AR:H",
                            "VC:L/VI:H/VA:H/CR:H/IR:M/AR:M",
                            "VC:H/VI:L/VA:H/CR:M/IR:H/AR:M",
                            "VC:H/VI:L/VA:L/CR:M/IR:H/AR:H",
                            "VC:L/VI:L/VA:H/CR:H/IR:H/AR:M"),
            "21", List.of("VC:L/VI:L/VA:L/CR:H/IR:H/AR:H"));

    private static final List<String> EQ4_MAX = List.of("SC:H/SI:S/SA:S", "SC:H/SI:H/SA:H", "SC:L/SI:L/SA:L");

    /** The depth of each EQ level (the reference calculator's maxSeverity). */
    private static final int[] EQ1_DEPTH = {1, 4, 5};

    private static final int[] EQ2_DEPTH = {1, 2};
    private static final Map<String, Integer> EQ3EQ6_DEPTH = Map.of("00", 7, "01", 6, "10", 8, "11", 8, "21", 10);
    private static final int[] EQ4_DEPTH = {6, 5, 4};

    private final Map<String, String> metrics;

    private Cvss4(Map<String, String> metrics) {
        this.metrics = metrics;
    }

    /**
     * The score of a {@code CVSS:4.0/…} vector (0.0–10.0), or -1 when it is not a valid v4.0 vector (a base metric
     * missing, an unknown metric or value, a metric twice).
     */
    public static double score(String vector) {
        Cvss4 v = parse(vector);
        return v == null ? -1 : v.score();
    }

    private static Cvss4 parse(String vector) {
        if (vector == null || !vector.startsWith("CVSS:4.0/")) {
            return null;
        }
        Map<String, String> m = new HashMap<>();
        for (String part : vector.substring("CVSS:4.0/".length()).split("/", -1)) {
            int colon = part.indexOf(':');
            if (colon <= 0) {
                return null;
            }
            String key = part.substring(0, colon);
            String value = part.substring(colon + 1);
            boolean valid = key.equals("U")
                    ? URGENCY.contains(value)
                    : VALUES.containsKey(key)
                            && value.length() == 1
                            && VALUES.get(key).contains(value);
            if (!valid || m.put(key, value) != null) {
                return null;
            }
        }
        for (String b : BASE) {
            if (!m.containsKey(b)) {
                return null;
            }
        }
        return new Cvss4(m);
    }

    /** The effective value of a metric: the modified one when set, threat and requirement defaults otherwise. */
    private String m(String metric) {
        String modified = metrics.get("M" + metric);
        if (BASE.contains(metric) && modified != null && !modified.equals("X")) {
            return modified;
        }
        String v = metrics.getOrDefault(metric, "X");
        if (v.equals("X")) {
            if (metric.equals("E")) {
                return "A";
            }
            if (metric.equals("CR") || metric.equals("IR") || metric.equals("AR")) {
                return "H";
            }
        }
        return v;
    }

    private boolean is(String metric, String value) {
        return m(metric).equals(value);
    }

    int[] macroVector() {
        int eq1;
        if (is("AV", "N") && is("PR", "N") && is("UI", "N")) {
            eq1 = 0;
        } else if ((is("AV", "N") || is("PR", "N") || is("UI", "N")) && !is("AV", "P")) {
            eq1 = 1;
        } else {
            eq1 = 2;
        }
        int eq2 = is("AC", "L") && is("AT", "N") ? 0 : 1;
        int eq3;
        if (is("VC", "H") && is("VI", "H")) {
            eq3 = 0;
        } else if (is("VC", "H") || is("VI", "H") || is("VA", "H")) {
            eq3 = 1;
        } else {
            eq3 = 2;
        }
        int eq4;
        if (is("SI", "S") || is("SA", "S")) {
            eq4 = 0;
        } else if (is("SC", "H") || is("SI", "H") || is("SA", "H")) {
            eq4 = 1;
        } else {
            eq4 = 2;
        }
        int eq5 = is("E", "A") ? 0 : is("E", "P") ? 1 : 2;
        boolean high = (is("CR", "H") && is("VC", "H"))
                || (is("IR", "H") && is("VI", "H"))
                || (is("AR", "H") && is("VA", "H"));
        int eq6 = high ? 0 : 1;
        return new int[] {eq1, eq2, eq3, eq4, eq5, eq6};
    }

    private static double lookup(int eq1, int eq2, int eq3, int eq4, int eq5, int eq6) {
        Double v = LOOKUP.get("" + eq1 + eq2 + eq3 + eq4 + eq5 + eq6);
        return v == null ? Double.NaN : v;
    }

    private double score() {
        if (BASE.subList(5, 11).stream().allMatch(metric -> is(metric, "N"))) {
            return 0.0;
        }
        int[] mv = macroVector();
        int eq1 = mv[0], eq2 = mv[1], eq3 = mv[2], eq4 = mv[3], eq5 = mv[4], eq6 = mv[5];
        double value = lookup(eq1, eq2, eq3, eq4, eq5, eq6);

        double lowerEq1 = lookup(eq1 + 1, eq2, eq3, eq4, eq5, eq6);
        double lowerEq2 = lookup(eq1, eq2 + 1, eq3, eq4, eq5, eq6);
        double lowerEq3Eq6;
        if (eq3 == 1 && eq6 == 1) {
            lowerEq3Eq6 = lookup(eq1, eq2, eq3 + 1, eq4, eq5, eq6);
        } else if (eq3 == 0 && eq6 == 1) {
            lowerEq3Eq6 = lookup(eq1, eq2, eq3 + 1, eq4, eq5, eq6);
        } else if (eq3 == 1 && eq6 == 0) {
            lowerEq3Eq6 = lookup(eq1, eq2, eq3, eq4, eq5, eq6 + 1);
        } else if (eq3 == 0 && eq6 == 0) {
            // 00 goes down to 01 or 10: the higher of the two
            lowerEq3Eq6 = Math.max(lookup(eq1, eq2, eq3, eq4, eq5, eq6 + 1), lookup(eq1, eq2, eq3 + 1, eq4, eq5, eq6));
        } else {
            lowerEq3Eq6 = lookup(eq1, eq2, eq3 + 1, eq4, eq5, eq6 + 1); // 21 has no lower one: NaN
        }
        double lowerEq4 = lookup(eq1, eq2, eq3, eq4 + 1, eq5, eq6);
        double lowerEq5 = lookup(eq1, eq2, eq3, eq4, eq5 + 1, eq6);

        // the first highest severity vector of the MacroVector the vector does not exceed in any metric
        String eq36 = "" + eq3 + eq6;
        double distEq1 = 0, distEq2 = 0, distEq3Eq6 = 0, distEq4 = 0;
        search:
        for (String max1 : EQ1_MAX.get(eq1)) {
            for (String max2 : EQ2_MAX.get(eq2)) {
                for (String max36 : EQ3EQ6_MAX.get(eq36)) {
                    String max4 = EQ4_MAX.get(eq4);
                    Map<String, String> max = parts(max1 + "/" + max2 + "/" + max36 + "/" + max4);
                    double av = distance("AV", max), pr = distance("PR", max), ui = distance("UI", max);
                    double ac = distance("AC", max), at = distance("AT", max);
                    double vc = distance("VC", max), vi = distance("VI", max), va = distance("VA", max);
                    double sc = distance("SC", max), si = distance("SI", max), sa = distance("SA", max);
                    double cr = distance("CR", max), ir = distance("IR", max), ar = distance("AR", max);
                    distEq1 = av + pr + ui;
                    distEq2 = ac + at;
                    distEq3Eq6 = vc + vi + va + cr + ir + ar;
                    distEq4 = sc + si + sa;
                    if (av >= 0 && pr >= 0 && ui >= 0 && ac >= 0 && at >= 0 && vc >= 0 && vi >= 0 && va >= 0 && sc >= 0
                            && si >= 0 && sa >= 0 && cr >= 0 && ir >= 0 && ar >= 0) {
                        break search;
                    }
                }
            }
        }
        double step = 0.1;
        double maxEq1 = EQ1_DEPTH[eq1] * step;
        double maxEq2 = EQ2_DEPTH[eq2] * step;
        double maxEq3Eq6 = EQ3EQ6_DEPTH.get(eq36) * step;
        double maxEq4 = EQ4_DEPTH[eq4] * step;

        int lower = 0;
        double n1 = 0, n2 = 0, n36 = 0, n4 = 0, n5 = 0;
        double available1 = value - lowerEq1;
        double available2 = value - lowerEq2;
        double available36 = value - lowerEq3Eq6;
        double available4 = value - lowerEq4;
        double available5 = value - lowerEq5;
        if (!Double.isNaN(available1)) {
            lower++;
            n1 = available1 * (distEq1 / maxEq1);
        }
        if (!Double.isNaN(available2)) {
            lower++;
            n2 = available2 * (distEq2 / maxEq2);
        }
        if (!Double.isNaN(available36)) {
            lower++;
            n36 = available36 * (distEq3Eq6 / maxEq3Eq6);
        }
        if (!Double.isNaN(available4)) {
            lower++;
            n4 = available4 * (distEq4 / maxEq4);
        }
        if (!Double.isNaN(available5)) {
            lower++; // EQ5 has one metric only: its distance to the highest vector is always 0
            n5 = 0;
        }
        double mean = lower == 0 ? 0 : (n1 + n2 + n36 + n4 + n5) / lower;
        value -= mean;
        value = Math.min(10.0, Math.max(0.0, value));
        return Math.round((value + 1e-6) * 10) / 10.0;
    }

    private double distance(String metric, Map<String, String> max) {
        Map<String, Double> levels = LEVELS.get(metric);
        return levels.get(m(metric)) - levels.get(max.get(metric));
    }

    private static Map<String, String> parts(String vector) {
        Map<String, String> m = new HashMap<>();
        for (String p : vector.split("/")) {
            m.put(p.substring(0, p.indexOf(':')), p.substring(p.indexOf(':') + 1));
        }
        return m;
    }

    private static Map<String, Double> lookup() {
        Map<String, Double> table = new HashMap<>();
        try (InputStream in = Cvss4.class.getResourceAsStream("cvss4-macrovectors.txt")) {
            if (in == null) {
                throw new IllegalStateException("cvss4-macrovectors.txt missing from the jar");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] kv = line.trim().split("\\s+");
                    table.put(kv[0], Double.parseDouble(kv[1]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (table.size() != 270) {
            throw new IllegalStateException("cvss4-macrovectors.txt: expected 270 MacroVectors, found " + table.size());
        }
        return Map.copyOf(table);
    }
}
