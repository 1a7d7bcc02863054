package dev.vigil.archrules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rule against its fixtures in {@code fixtures/<rule_name>/}: {@code Violating*} classes must be found, on
 * exactly the lines marked {@code // expect: <id>}; {@code Compliant*} classes must not be.
 */
class SecurityRulesTest {
    private static final Path FIXTURE_SOURCES = Path.of("src/test/java/dev/vigil/archrules/fixtures");
    private static final String FIXTURE_PACKAGE = "dev.vigil.archrules.fixtures.";

    static List<SecurityRule> rules() {
        return SecurityRules.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void findsViolatingFixturesOnTheMarkedLinesOnly(SecurityRule rule) throws IOException {
        String pkg = FIXTURE_PACKAGE + rule.name().replace('-', '_');
        JavaClasses classes = new ClassFileImporter().importPackages(pkg);
        List<Violation> violations = rule.violations(classes);

        Map<String, Set<Integer>> found = new TreeMap<>();
        for (Violation v : violations) {
            assertThat(v.ruleId()).isEqualTo(rule.id());
            found.computeIfAbsent(v.sourcePath(), k -> new TreeSet<>()).add(v.line());
        }
        Map<String, Set<Integer>> expected = expectedLines(rule.id(), pkg);
        for (Map.Entry<String, Set<Integer>> e : found.entrySet()) {
            assertThat(Path.of(e.getKey()).getFileName().toString())
                    .as("only Violating fixtures may have findings: " + violations)
                    .startsWith("Violating");
            Set<Integer> lines = new TreeSet<>(e.getValue());
            lines.remove(0);
            assertThat(lines)
                    .as("lines of findings in " + e.getKey())
                    .isEqualTo(expected.getOrDefault(e.getKey(), Set.of()));
        }
        for (Map.Entry<String, Set<Integer>> e : expected.entrySet()) {
            assertThat(found).as("expected findings in " + e.getKey()).containsKey(e.getKey());
        }
        Set<String> violatingFixtures = classes.stream()
                .filter(c -> c.getSimpleName().startsWith("Violating"))
                .map(JavaClass::getName)
                .collect(Collectors.toSet());
        for (String fixture : violatingFixtures) {
            assertThat(found).as("findings in " + fixture).containsKey(fixture.replace('.', '/') + ".java");
        }
    }

    @Test
    void everyRuleHasAViolatingAndACompliantFixture() {
        JavaClasses all =
                new ClassFileImporter().importPackages(FIXTURE_PACKAGE.substring(0, FIXTURE_PACKAGE.length() - 1));
        for (SecurityRule rule : SecurityRules.all()) {
            String pkg = FIXTURE_PACKAGE + rule.name().replace('-', '_');
            List<JavaClass> classes = all.stream()
                    .filter(c ->
                            c.getPackageName().equals(pkg) || c.getPackageName().startsWith(pkg + "."))
                    .toList();
            assertThat(classes.stream().map(JavaClass::getSimpleName))
                    .as(rule.id() + " fixtures")
                    .anyMatch(n -> n.startsWith("Violating"))
                    .anyMatch(n -> n.startsWith("Compliant"));
        }
    }

    @Test
    void metadataIsCompleteAndIdsAreSequential() {
        List<SecurityRule> all = SecurityRules.all();
        assertThat(all).hasSizeGreaterThanOrEqualTo(20);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < all.size(); i++) {
            SecurityRule r = all.get(i);
            assertThat(r.id()).isEqualTo(String.format("VIGIL-ARCH-%03d", i + 1));
            assertThat(names.add(r.name())).as("unique name " + r.name()).isTrue();
            assertThat(r.name()).matches("[a-z0-9]+(-[a-z0-9]+)*");
            assertThat(r.title()).isNotBlank();
            assertThat(r.cwe()).isPositive();
            assertThat(r.securitySeverity()).isBetween(0.1, 10.0);
            assertThat(r.description()).isNotBlank();
            assertThat(r.remediation()).endsWith(".");
            assertThat(r.level())
                    .as(r.id() + ": heuristics warn, deterministic rules fail")
                    .isEqualTo(r.precision() == Precision.HIGH ? Level.ERROR : Level.WARNING);
            assertThat(r.getDescription()).startsWith(r.id() + " " + r.name() + ": ");
        }
    }

    @Test
    void coversTheRequiredWeaknesses() {
        Set<Integer> cwes = SecurityRules.all().stream().map(SecurityRule::cwe).collect(Collectors.toSet());
        assertThat(cwes)
                .contains(327, 328, 330, 295, 502, 78, 89, 611, 1004, 614, 862, 352, 942, 532, 798, 916, 470, 917);
    }

    @Test
    void suppressionOnClassNestedClassAndMethodHidesOnlyThatRule() {
        JavaClasses classes = new ClassFileImporter().importPackages(FIXTURE_PACKAGE + "suppressed");
        List<Violation> violations = SecurityRules.WEAK_HASH_ALGORITHM.violations(classes);
        assertThat(violations)
                .extracting(Violation::className, Violation::member)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        FIXTURE_PACKAGE + "suppressed.SuppressedOnMethod", "fingerprint"));
    }

    @Test
    void plainArchUnitCheckFailsWithIdLocationAndMessage() {
        JavaClasses classes = new ClassFileImporter().importPackages(FIXTURE_PACKAGE + "weak_hash_algorithm");
        assertThatThrownBy(() -> SecurityRules.WEAK_HASH_ALGORITHM.check(classes))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Rule 'VIGIL-ARCH-002 weak-hash-algorithm: No broken hash algorithms")
                .hasMessageContaining(
                        "MessageDigest.getInstance(\"MD5\") uses a broken hash algorithm in (ViolatingDigests.java:12)");
    }

    @Test
    void violationsCarryStableDetailsForFingerprints() {
        JavaClasses classes = new ClassFileImporter().importPackages(FIXTURE_PACKAGE + "weak_cipher");
        assertThat(SecurityRules.WEAK_CIPHER.violations(classes))
                .extracting(Violation::member, Violation::detail)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("ciphers", "Cipher.getInstance(\"DES/CBC/PKCS5Padding\")"),
                        org.assertj.core.groups.Tuple.tuple("ciphers", "Cipher.getInstance(\"AES/ECB/PKCS5Padding\")"),
                        org.assertj.core.groups.Tuple.tuple("ciphers", "Cipher.getInstance(\"AES\")"),
                        org.assertj.core.groups.Tuple.tuple("ciphers", "KeyGenerator.getInstance(\"DESede\")"),
                        org.assertj.core.groups.Tuple.tuple(
                                "chosen", "Cipher.getInstance(\"DESede/CBC/PKCS5Padding\")"),
                        // the value of the properties file on the class path, not the default in the code
                        org.assertj.core.groups.Tuple.tuple(
                                "cipher", "Cipher.getInstance(\"DESede/ECB/PKCS5Padding\")"));
    }

    /** Source path relative to the test source root → lines marked {@code // expect: <id>}. */
    private static Map<String, Set<Integer>> expectedLines(String id, String pkg) throws IOException {
        Map<String, Set<Integer>> out = new TreeMap<>();
        Path dir =
                FIXTURE_SOURCES.resolve(pkg.substring(FIXTURE_PACKAGE.length()).replace('.', '/'));
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).toList();
        }
        for (Path file : files) {
            List<String> lines = Files.readAllLines(file);
            Set<Integer> marked = new TreeSet<>();
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains("// expect: " + id)) {
                    marked.add(i + 1);
                }
            }
            if (!marked.isEmpty()) {
                String rel =
                        Path.of("src/test/java").relativize(file).toString().replace('\\', '/');
                out.put(rel, marked);
            }
        }
        return out;
    }

    @SuppressWarnings("unused")
    private static List<String> names(List<Violation> violations) {
        List<String> out = new ArrayList<>();
        violations.forEach(v -> out.add(v.describe()));
        return out;
    }
}
