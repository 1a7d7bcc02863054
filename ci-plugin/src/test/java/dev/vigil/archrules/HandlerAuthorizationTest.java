package dev.vigil.archrules;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * VIGIL-ARCH-016 on each shape of its fixtures imported on its own, as a code base of its own: the rule decides by
 * what the whole import shows (URL rules configured or not, the handler's siblings), so each shape is checked in
 * isolation here, and all of them together in {@link SecurityRulesTest}.
 */
class HandlerAuthorizationTest {
    private static final String FIXTURES = "dev.vigil.archrules.fixtures.handler_without_authorization";

    private static List<String> findings(String... packages) {
        JavaClasses classes = new ClassFileImporter().importPackages(packages);
        return SecurityRules.HANDLER_WITHOUT_AUTHORIZATION.violations(classes).stream()
                .map(v -> Code.simple(v.className()) + "." + v.member() + ": " + v.message())
                .toList();
    }

    @Test
    void aLibraryWithoutAnyAuthorisationHasNoFindings() {
        // the shape of spring-cloud-config-server and spring-boot-admin-server: the old check reported every handler
        assertThat(findings(FIXTURES + ".library")).isEmpty();
    }

    @Test
    void urlRulesWithOccasionalMethodSecurityHaveNoFindings() {
        assertThat(findings(FIXTURES + ".urlsecurity")).isEmpty();
    }

    @Test
    void reactiveUrlRulesCountLikeServletOnes() {
        // a SecurityWebFilterChain with authorizeExchange and pathMatchers("/public/**").permitAll()
        assertThat(findings(FIXTURES + ".urlsecurity.reactive", FIXTURES + ".urlsecurity.web"))
                .isEmpty();
    }

    @Test
    void withoutTheUrlRulesTheSameControllersAreOddOnesOut() {
        // the controllers of the URL-security shape without their SecurityFilterChain: 1 of 2 handlers annotated is
        // enough, and /public/** is no longer permitted by any rule
        assertThat(findings(FIXTURES + ".urlsecurity.web"))
                .containsExactlyInAnyOrder(
                        "CompliantAccountController.mine: 1 of 2 handlers in CompliantAccountController carry "
                                + "@PreAuthorize; CompliantAccountController.mine has none",
                        "CompliantPublicController.terms: 2 of 3 handlers in CompliantPublicController carry "
                                + "@PreAuthorize; CompliantPublicController.terms has none");
    }

    @Test
    void theOddOneOutInItsClassIsReportedWithTheSiblingEvidence() {
        assertThat(findings(FIXTURES + ".inclass"))
                .containsExactly("ViolatingOwnerController.delete: 4 of 5 handlers in ViolatingOwnerController carry "
                        + "@PermitAll/@PreAuthorize; ViolatingOwnerController.delete has none");
    }

    @Test
    void theOddOneOutInItsPackageTreeIsReportedWithTheSiblingEvidence() {
        assertThat(findings(FIXTURES + ".crosspackage"))
                .containsExactly(
                        "ViolatingReportController.revenue: 3 of 3 other handler classes in " + FIXTURES
                                + ".crosspackage carry authorisation annotations on every handler (e.g. "
                                + "CompliantInvoiceController: 2 of 2 handlers annotated); ViolatingReportController "
                                + "has none on the class or on ViolatingReportController.revenue",
                        "ViolatingReportController.customers: 3 of 3 other handler classes in " + FIXTURES
                                + ".crosspackage carry authorisation annotations on every handler (e.g. "
                                + "CompliantInvoiceController: 2 of 2 handlers annotated); ViolatingReportController "
                                + "has none on the class or on ViolatingReportController.customers");
    }

    @Test
    void withUrlRulesConfiguredTheOddOneOutIsStillReportedAndSaysWhere() {
        List<String> all = findings(FIXTURES);
        assertThat(all).hasSize(3);
        assertThat(all)
                .allMatch(f -> f.endsWith("(URL rules are configured in CompliantWebSecurity.filterChain "
                        + "(SecurityFilterChain); add the annotation, or @PermitAll if the URL rule is the decision)"));
        assertThat(all)
                .anyMatch(f -> f.startsWith("ViolatingOwnerController.delete: 4 of 5 handlers"))
                .anyMatch(f -> f.startsWith("ViolatingReportController.revenue: 3 of 3 other handler classes"))
                .anyMatch(f -> f.startsWith("ViolatingReportController.customers: 3 of 3 other handler classes"));
    }

    @Test
    void oneOddClassAmongFewSiblingsIsNotEnough() {
        // one authorising sibling (the invoices) is not a convention: at least two others are needed
        assertThat(findings(FIXTURES + ".crosspackage.billing", FIXTURES + ".crosspackage.reports"))
                .isEmpty();
    }

    @Test
    void antPatternsMatchLikeSpringSecurity() {
        assertThat(HandlerAuthorization.antPattern("/public/**")
                        .matcher("/public")
                        .matches())
                .isTrue();
        assertThat(HandlerAuthorization.antPattern("/public/**")
                        .matcher("/public/a/b")
                        .matches())
                .isTrue();
        assertThat(HandlerAuthorization.antPattern("/public/**")
                        .matcher("/publicity")
                        .matches())
                .isFalse();
        assertThat(HandlerAuthorization.antPattern("/api/*").matcher("/api/x").matches())
                .isTrue();
        assertThat(HandlerAuthorization.antPattern("/api/*").matcher("/api/x/y").matches())
                .isFalse();
        assertThat(HandlerAuthorization.antPattern("/a/{id}").matcher("/a/x").matches())
                .isTrue();
        assertThat(HandlerAuthorization.antPattern("/a.b").matcher("/aXb").matches())
                .isFalse();
    }
}
