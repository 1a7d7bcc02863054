package dev.vigil.archrules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * A security rule: an {@link ArchRule} (use it in a plain JUnit {@code @ArchTest}) plus the metadata every report
 * needs, written once here and used by SARIF {@code rules[]}, the HTML report, {@code vigil:help} and the README
 * table.
 */
public final class SecurityRule implements ArchRule {
    private final String id;
    private final String name;
    private final String title;
    private final int cwe;
    private final double securitySeverity;
    private final Precision precision;
    private final Level level;
    private final String description;
    private final String remediation;
    private final boolean enabledByDefault;
    private final ArchRule rule;

    private SecurityRule(Builder b, ArchRule rule) {
        this.id = b.id;
        this.name = b.name;
        this.title = b.title;
        this.cwe = b.cwe;
        this.securitySeverity = b.securitySeverity;
        this.precision = b.precision;
        this.level = b.level;
        this.description = b.description;
        this.remediation = b.remediation;
        this.enabledByDefault = b.enabledByDefault;
        this.rule = rule;
    }

    private SecurityRule(SecurityRule meta, ArchRule rule) {
        this.id = meta.id;
        this.name = meta.name;
        this.title = meta.title;
        this.cwe = meta.cwe;
        this.securitySeverity = meta.securitySeverity;
        this.precision = meta.precision;
        this.level = meta.level;
        this.description = meta.description;
        this.remediation = meta.remediation;
        this.enabledByDefault = meta.enabledByDefault;
        this.rule = rule;
    }

    static Builder builder(String id, String name) {
        return new Builder(id, name);
    }

    /** {@code VIGIL-ARCH-NNN}: stable, used in {@link Suppress}, baselines and SARIF. */
    public String id() {
        return id;
    }

    /** Kebab-case short name, e.g. {@code weak-hash-algorithm}. */
    public String name() {
        return name;
    }

    /** One line. */
    public String title() {
        return title;
    }

    /** The CWE number, e.g. 327. */
    public int cwe() {
        return cwe;
    }

    /** {@code CWE-327}. */
    public String cweId() {
        return "CWE-" + cwe;
    }

    /**
     * The OWASP Top 10 (2021) category the rule's CWE belongs to, e.g. {@code A03:2021-Injection}; empty when the
     * CWE is in none.
     */
    public String owaspTop10() {
        return switch (cwe) {
            case 22, 352, 862, 942, 1004 -> "A01:2021-Broken Access Control";
            case 326, 327, 328, 330, 337, 798, 916 -> "A02:2021-Cryptographic Failures";
            case 78, 79, 89, 90, 643, 917 -> "A03:2021-Injection";
            case 501 -> "A04:2021-Insecure Design";
            case 611, 614 -> "A05:2021-Security Misconfiguration";
            case 295 -> "A07:2021-Identification and Authentication Failures";
            case 470, 502 -> "A08:2021-Software and Data Integrity Failures";
            case 532 -> "A09:2021-Security Logging and Monitoring Failures";
            default -> "";
        };
    }

    /** {@code owasp-top10-2021/a03} for SARIF tags, empty when {@link #owaspTop10()} is. */
    public String owaspTag() {
        String o = owaspTop10();
        return o.isEmpty() ? "" : "owasp-top10-2021/" + o.substring(0, 3).toLowerCase(Locale.ROOT);
    }

    public String cweUri() {
        return "https://cwe.mitre.org/data/definitions/" + cwe + ".html";
    }

    /** CVSS-like 0.0–10.0 score GitHub code scanning shows as critical/high/medium/low. */
    public double securitySeverity() {
        return securitySeverity;
    }

    /** {@link #securitySeverity()} as SARIF wants it: a string with one decimal. */
    public String securitySeverityText() {
        return String.format(Locale.ROOT, "%.1f", securitySeverity);
    }

    public Precision precision() {
        return precision;
    }

    /** Default level: {@code error} for deterministic rules, {@code warning} for heuristics. */
    public Level level() {
        return level;
    }

    /** What the rule checks and why, one paragraph. */
    public String description() {
        return description;
    }

    /** How to fix a finding, ending with a period. */
    public String remediation() {
        return remediation;
    }

    /**
     * Whether {@code vigil:arch} runs the rule without being asked: vulnerability rules do; architecture-policy
     * rules (where crypto, processes and SQL may live) are opt-in.
     */
    public boolean enabledByDefault() {
        return enabledByDefault;
    }

    /** Help text in Markdown (description, fix, CWE link, how to suppress). */
    public String helpMarkdown() {
        return description + "\n\n**Fix:** " + remediation + "\n\n**Weakness:** [" + cweId() + "](" + cweUri()
                + ")\n\n**Suppress** (with a reason that reviewers will read): `@Suppress(rule = \"" + id
                + "\", reason = \"...\")`.";
    }

    /** Help text as plain text. */
    public String helpText() {
        return description + " Fix: " + remediation + " (" + cweId() + ")";
    }

    /** The rule's section in the plugin README. */
    public String helpUri() {
        return "https://github.com/vigil-dev/vigil/blob/main/ci-plugin/README.md#" + id.toLowerCase(Locale.ROOT);
    }

    /** Every violation in {@code classes}, as values (suppressed ones left out). */
    public List<Violation> violations(JavaClasses classes) {
        List<Violation> out = new ArrayList<>();
        evaluate(classes).handleViolations((Collection<Violation> found, String message) -> out.addAll(found));
        return out;
    }

    @Override
    public void check(JavaClasses classes) {
        rule.check(classes);
    }

    @Override
    public ArchRule because(String reason) {
        return new SecurityRule(this, rule.because(reason));
    }

    @Override
    public ArchRule allowEmptyShould(boolean allowEmptyShould) {
        return new SecurityRule(this, rule.allowEmptyShould(allowEmptyShould));
    }

    @Override
    public ArchRule as(String newDescription) {
        return new SecurityRule(this, rule.as(newDescription));
    }

    @Override
    public EvaluationResult evaluate(JavaClasses classes) {
        return rule.evaluate(classes);
    }

    @Override
    public String getDescription() {
        return rule.getDescription();
    }

    @Override
    public String toString() {
        return id + " " + name + " (" + cweId() + ", " + level.id() + ")";
    }

    static final class Builder {
        private final String id;
        private final String name;
        private String title;
        private int cwe;
        private double securitySeverity;
        private Precision precision = Precision.HIGH;
        private Level level = Level.ERROR;
        private String description;
        private String remediation;
        private boolean enabledByDefault = true;

        private Builder(String id, String name) {
            this.id = id;
            this.name = name;
        }

        Builder title(String value) {
            this.title = value;
            return this;
        }

        Builder cwe(int value) {
            this.cwe = value;
            return this;
        }

        Builder securitySeverity(double value) {
            this.securitySeverity = value;
            return this;
        }

        /** Heuristic rules: medium precision, {@code warning} level. */
        Builder heuristic() {
            this.precision = Precision.MEDIUM;
            this.level = Level.WARNING;
            return this;
        }

        /** An architecture-policy rule: off unless configured ({@code vigil.arch.rules} or {@code enableRules}). */
        Builder policy() {
            this.enabledByDefault = false;
            return this;
        }

        Builder description(String value) {
            this.description = value;
            return this;
        }

        Builder remediation(String value) {
            this.remediation = value;
            return this;
        }

        SecurityRule check(ClassCheck check) {
            SecurityCondition condition = new SecurityCondition(id, title, check);
            ArchRule archRule = classes()
                    .should(condition)
                    .as(id + " " + name + ": " + title)
                    .allowEmptyShould(true);
            return new SecurityRule(this, archRule);
        }
    }
}
