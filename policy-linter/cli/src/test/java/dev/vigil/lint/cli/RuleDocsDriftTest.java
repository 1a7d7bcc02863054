package dev.vigil.lint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.policy.PolicyConfig;
import dev.vigil.policy.report.LintResult;
import dev.vigil.policy.report.RuleDocs;
import dev.vigil.policy.rules.BuiltInRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The generated docs stay true to the catalogue: the rule table in {@code policy-linter/README.md} equals
 * {@code vigil lint --list-rules --format markdown}, and {@code docs/rules.md} equals the generated reference.
 * Run with {@code -Dvigil.updateDocs=true} to regenerate both (then review the diff).
 */
class RuleDocsDriftTest {
    static final Path README = Path.of("../README.md");
    static final Path RULES_MD = Path.of("../../docs/rules.md");
    static final String REGENERATE = "out of date; regenerate with ./mvnw -pl policy-linter/cli -am test "
            + "-Dtest=RuleDocsDriftTest -Dsurefire.failIfNoSpecifiedTests=false -Dvigil.updateDocs=true";

    static boolean update() {
        return Boolean.parseBoolean(System.getProperty("vigil.updateDocs", "false"));
    }

    @Test
    void readmeRuleTableMatchesTheCatalogue() throws IOException {
        Cli r = Cli.run(Path.of("").toAbsolutePath(), "--list-rules", "--format", "markdown", "--config", "/dev/null");
        assertThat(r.exit()).as(r.err()).isZero();
        String readme = Files.readString(README);
        int begin = readme.indexOf(RuleDocs.TABLE_BEGIN);
        int end = readme.indexOf(RuleDocs.TABLE_END);
        assertThat(begin).as("README has the table markers").isNotNegative();
        assertThat(end).isGreaterThan(begin);
        String current = readme.substring(begin + RuleDocs.TABLE_BEGIN.length() + 1, end);
        if (update() && !current.equals(r.out())) {
            Files.writeString(
                    README,
                    readme.substring(0, begin + RuleDocs.TABLE_BEGIN.length() + 1) + r.out() + readme.substring(end));
            return;
        }
        assertThat(current)
                .as("the rule table in policy-linter/README.md is " + REGENERATE)
                .isEqualTo(r.out());
    }

    @Test
    void docsRulesMdMatchesTheCatalogue() throws IOException {
        PolicyConfig defaults = PolicyConfig.defaults();
        String expected = RuleDocs.docsPage(LintResult.effectiveRules(defaults, BuiltInRules.all()));
        String current = Files.exists(RULES_MD) ? Files.readString(RULES_MD) : "";
        if (update() && !current.equals(expected)) {
            Files.createDirectories(RULES_MD.getParent());
            Files.writeString(RULES_MD, expected);
            return;
        }
        assertThat(current).as("docs/rules.md is " + REGENERATE).isEqualTo(expected);
    }

    @Test
    void theCompliantExampleAppHasNoFinding() {
        Path shop = Path.of("../../examples/manifests/shop").toAbsolutePath().normalize();
        Cli r = Cli.run(Path.of("").toAbsolutePath(), "--config", "/dev/null", "--fail-on", "info", shop.toString());
        assertThat(r.out())
                .as("examples/manifests/shop must stay compliant with every rule")
                .endsWith("0 errors, 0 warnings, 0 infos in 5 objects from 1 file\n");
        assertThat(r.exit()).isZero();
    }
}
