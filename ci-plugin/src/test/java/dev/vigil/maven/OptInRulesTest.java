package dev.vigil.maven;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.vigil.archrules.SecurityRule;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * VIGIL-ARCH-016 (handler-without-authorization) is opt-in like the package-policy rules: applications that authorise
 * by URL in a Spring Security {@code SecurityFilterChain} carry no annotations on their handlers, so the earlier
 * annotation-only check gave only false findings on spring-cloud-config-server and spring-boot-admin-server.
 */
class OptInRulesTest {
    static final String FIXTURE = "dev.vigil.archrules.fixtures.handler_without_authorization";

    private static List<String> findings(List<SecurityRule> rules) {
        JavaClasses classes = new ClassFileImporter().importPackages(FIXTURE);
        return rules.stream()
                .flatMap(r -> r.violations(classes).stream().map(v -> r.id() + " " + v.className()))
                .toList();
    }

    @Test
    void handlerWithoutAuthorisationIsOffByDefault() throws Exception {
        ArchMojo mojo = new ArchMojo();
        List<SecurityRule> rules = mojo.securityRules();
        assertThat(rules)
                .extracting(SecurityRule::id)
                .doesNotContain("VIGIL-ARCH-016")
                .contains("VIGIL-ARCH-002");
        assertThat(findings(rules)).noneMatch(f -> f.startsWith("VIGIL-ARCH-016"));
    }

    @Test
    void handlerWithoutAuthorisationRunsWhenEnabled() throws Exception {
        ArchMojo mojo = new ArchMojo();
        mojo.archEnableRules = List.of("VIGIL-ARCH-016");
        List<SecurityRule> rules = mojo.securityRules();
        assertThat(rules).extracting(SecurityRule::id).contains("VIGIL-ARCH-016", "VIGIL-ARCH-002");
        assertThat(findings(rules))
                .contains(
                        "VIGIL-ARCH-016 " + FIXTURE + ".inclass.web.ViolatingOwnerController",
                        "VIGIL-ARCH-016 " + FIXTURE + ".crosspackage.reports.ViolatingReportController");
    }

    @Test
    void handlerWithoutAuthorisationRunsWhenChosenExplicitly() throws Exception {
        ArchMojo mojo = new ArchMojo();
        mojo.archRules = List.of("VIGIL-ARCH-016");
        assertThat(mojo.securityRules()).extracting(SecurityRule::id).containsExactly("VIGIL-ARCH-016");
    }
}
