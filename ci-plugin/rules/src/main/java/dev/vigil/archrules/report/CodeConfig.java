package dev.vigil.archrules.report;

import dev.vigil.archrules.Conventions;
import dev.vigil.archrules.SecurityRule;
import dev.vigil.archrules.SecurityRules;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which code rules run and which findings do not count: the {@code code:} section of {@code .vigil.yaml}
 * ({@link CodeConfigFile}) with the front end's options on top (Maven parameters, {@code vigil code} flags). One
 * value, built once per run, so the Maven plugin and the CLI select the same rules for the same settings.
 *
 * @param rules only these rule ids (empty: every rule on by default, plus {@code enableRules})
 * @param enableRules opt-in rules to run besides the defaults, e.g. the package-policy rules
 * @param skipRules rule ids not to run
 * @param conventions the packages the layer rules read
 * @param ignores findings that do not count, with their reason
 */
public record CodeConfig(
        List<String> rules,
        List<String> enableRules,
        List<String> skipRules,
        Conventions conventions,
        List<Ignore> ignores) {

    /** The suppression text of an ignored finding starts with this (SARIF: an external suppression). */
    public static final String IGNORED = "ignored in configuration: ";

    /** Every rule on by default, default conventions, nothing ignored. */
    public static final CodeConfig DEFAULT =
            new CodeConfig(List.of(), List.of(), List.of(), Conventions.DEFAULT, List.of());

    public CodeConfig {
        rules = clean(rules);
        enableRules = clean(enableRules);
        skipRules = clean(skipRules);
        ignores = List.copyOf(ignores);
    }

    /**
     * One {@code code.ignore} entry: findings of {@code rule} in {@code target} do not count.
     *
     * @param rule a rule id
     * @param target a class ({@code com.example.Legacy}: the class, its members and nested classes), a package and
     *     everything below it ({@code com.example.legacy..}), or empty for everywhere
     * @param reason why, shown in every report
     * @param expires null when it does not expire; afterwards the entry stops applying
     * @param where {@code file:line} of the entry
     */
    public record Ignore(String rule, String target, String reason, LocalDate expires, String where) {
        /** True when this entry applies to {@code issue} on {@code today}. */
        public boolean matches(Issue issue, LocalDate today) {
            if (!rule.equals(issue.ruleId()) || (expires != null && expires.isBefore(today))) {
                return false;
            }
            String subject = issue.subject();
            if (target.isEmpty()) {
                return true;
            }
            if (target.endsWith("..")) {
                return subject.startsWith(target.substring(0, target.length() - 1));
            }
            return subject.equals(target) || subject.startsWith(target + ".") || subject.startsWith(target + "$");
        }
    }

    /**
     * These settings with the front end's where it gives any: a non-empty list replaces the file's; null conventions
     * keep the file's.
     */
    public CodeConfig overriddenBy(
            List<String> onlyRules, List<String> enable, List<String> skip, Conventions packages) {
        return new CodeConfig(
                or(onlyRules, rules),
                or(enable, enableRules),
                or(skip, skipRules),
                packages != null ? packages : conventions,
                ignores);
    }

    /** The ids among {@code ids} that name no rule. */
    public static List<String> unknownIds(List<String> ids) {
        Set<String> known = knownIds();
        return clean(ids).stream().filter(id -> !known.contains(id)).toList();
    }

    /** Every rule id, in catalogue order. */
    public static Set<String> knownIds() {
        Set<String> known = new LinkedHashSet<>();
        SecurityRules.all().forEach(r -> known.add(r.id()));
        return known;
    }

    /** {@code VIGIL-ARCH-001 to VIGIL-ARCH-032}: the range of rule ids, for messages. */
    public static String idRange() {
        List<String> ids = new ArrayList<>(knownIds());
        return ids.get(0) + " to " + ids.get(ids.size() - 1);
    }

    /**
     * The rules to run, in catalogue order.
     *
     * @throws IllegalArgumentException naming rule ids that do not exist
     */
    public List<SecurityRule> selectRules() {
        List<String> unknown = new ArrayList<>(unknownIds(rules));
        unknown.addAll(unknownIds(enableRules));
        unknown.addAll(unknownIds(skipRules));
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown rule id(s) " + unknown + "; expected " + idRange());
        }
        boolean chosen = !rules.isEmpty();
        return SecurityRules.all(conventions).stream()
                .filter(r -> chosen ? rules.contains(r.id()) : r.enabledByDefault() || enableRules.contains(r.id()))
                .filter(r -> !skipRules.contains(r.id()))
                .toList();
    }

    /** {@code issues} with the ones an {@code ignore} entry covers suppressed, with its reason. */
    public List<Issue> applyIgnores(List<Issue> issues, LocalDate today) {
        if (ignores.isEmpty()) {
            return issues;
        }
        List<Issue> out = new ArrayList<>(issues.size());
        for (Issue issue : issues) {
            Ignore hit = issue.suppressed()
                    ? null
                    : ignores.stream()
                            .filter(i -> i.matches(issue, today))
                            .findFirst()
                            .orElse(null);
            out.add(hit == null ? issue : issue.suppress(IGNORED + hit.reason()));
        }
        return out;
    }

    /** The entries whose expiry date has passed (they no longer apply; front ends warn). */
    public List<Ignore> expiredIgnores(LocalDate today) {
        return ignores.stream()
                .filter(i -> i.expires() != null && i.expires().isBefore(today))
                .toList();
    }

    private static List<String> or(List<String> value, List<String> fallback) {
        List<String> v = clean(value);
        return v.isEmpty() ? fallback : v;
    }

    private static List<String> clean(List<String> ids) {
        if (ids == null) {
            return List.of();
        }
        return ids.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
