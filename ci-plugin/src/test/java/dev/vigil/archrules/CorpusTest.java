package dev.vigil.archrules;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.vigil.corpus.Expected;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The labelled corpus ({@code dev.vigil.corpus}, written by {@code ci-plugin/corpus/generate.py}): every case is a
 * servlet or controller marked {@link Expected} vulnerable or safe. Per weakness class the rule for it must find at
 * least 90% of the vulnerable cases and flag at most 10% of the safe look-alikes. Writes the per-case verdicts to
 * {@code target/corpus-verdicts.csv} for {@code benchmarks/ci-plugin/corpus.sh}.
 */
class CorpusTest {
    /** Weakness class (the corpus package) to the rule that must find it. */
    static final Map<String, SecurityRule> RULES = new LinkedHashMap<>();

    static {
        RULES.put("cmdi", SecurityRules.COMMAND_INJECTION);
        RULES.put("sqli", SecurityRules.SQL_INJECTION);
        RULES.put("ldapi", SecurityRules.LDAP_INJECTION);
        RULES.put("pathtraver", SecurityRules.PATH_TRAVERSAL);
        RULES.put("xpathi", SecurityRules.XPATH_INJECTION);
        RULES.put("xss", SecurityRules.CROSS_SITE_SCRIPTING);
        RULES.put("trustbound", SecurityRules.TRUST_BOUNDARY_VIOLATION);
        RULES.put("hash", SecurityRules.WEAK_HASH_ALGORITHM);
        RULES.put("crypto", SecurityRules.WEAK_CIPHER);
        RULES.put("securecookie", SecurityRules.COOKIE_WITHOUT_SECURE);
        RULES.put("weakrand", SecurityRules.PREDICTABLE_RANDOM_IN_SECURITY_CODE);
    }

    record Score(int tp, int fn, int fp, int tn, List<String> misses) {
        double tpr() {
            return tp + fn == 0 ? 0 : (double) tp / (tp + fn);
        }

        double fpr() {
            return fp + tn == 0 ? 0 : (double) fp / (fp + tn);
        }
    }

    private static final Map<String, Score> SCORES = new TreeMap<>();

    @BeforeAll
    static void score() throws IOException {
        JavaClasses classes = new ClassFileImporter().importPackages("dev.vigil.corpus");
        StringBuilder csv = new StringBuilder("case,category,cwe,expected,found\n");
        for (Map.Entry<String, SecurityRule> e : RULES.entrySet()) {
            String category = e.getKey();
            Set<String> flagged = new HashSet<>();
            for (Violation v : e.getValue().violations(classes)) {
                flagged.add(v.topLevelClassName());
            }
            int tp = 0, fn = 0, fp = 0, tn = 0;
            List<String> misses = new ArrayList<>();
            for (JavaClass c : classes) {
                Expected expected = c.isTopLevelClass() ? c.reflect().getAnnotation(Expected.class) : null;
                if (expected == null || !expected.category().equals(category)) {
                    continue;
                }
                boolean found = flagged.contains(c.getName());
                if (expected.vulnerable()) {
                    tp += found ? 1 : 0;
                    fn += found ? 0 : 1;
                } else {
                    fp += found ? 1 : 0;
                    tn += found ? 0 : 1;
                }
                if (found != expected.vulnerable()) {
                    misses.add(c.getSimpleName() + (found ? " (false positive)" : " (false negative)"));
                }
                csv.append(c.getName())
                        .append(',')
                        .append(category)
                        .append(',')
                        .append(expected.cwe())
                        .append(',')
                        .append(expected.vulnerable())
                        .append(',')
                        .append(found)
                        .append('\n');
            }
            SCORES.put(category, new Score(tp, fn, fp, tn, misses));
        }
        Path out = Path.of("target/corpus-verdicts.csv");
        Files.createDirectories(out.getParent());
        Files.writeString(out, csv.toString(), StandardCharsets.UTF_8);
        StringBuilder table = new StringBuilder("category      TP  FN  FP  TN   TPR   FPR\n");
        SCORES.forEach((k, s) -> table.append(String.format(
                Locale.ROOT,
                "%-12s %3d %3d %3d %3d  %.2f  %.2f  %s%n",
                k,
                s.tp,
                s.fn,
                s.fp,
                s.tn,
                s.tpr(),
                s.fpr(),
                s.misses)));
        System.out.print(table);
    }

    @Test
    void everyClassHasAtLeast30VulnerableAnd30SafeCases() {
        assertThat(SCORES.keySet()).containsExactlyInAnyOrderElementsOf(RULES.keySet());
        SCORES.forEach((k, s) -> {
            assertThat(s.tp + s.fn).as(k + " vulnerable cases").isGreaterThanOrEqualTo(30);
            assertThat(s.fp + s.tn).as(k + " safe cases").isGreaterThanOrEqualTo(30);
        });
    }

    @Test
    void everyClassHasATruePositiveRateOfAtLeast90Percent() {
        SCORES.forEach(
                (k, s) -> assertThat(s.tpr()).as(k + " TPR, misses " + s.misses).isGreaterThanOrEqualTo(0.9));
    }

    @Test
    void everyClassHasAFalsePositiveRateOfAtMost10Percent() {
        SCORES.forEach(
                (k, s) -> assertThat(s.fpr()).as(k + " FPR, misses " + s.misses).isLessThanOrEqualTo(0.1));
    }
}
