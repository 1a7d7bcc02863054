package dev.vigil.webhook;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** States this module's architecture; a violation fails the build. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.vigil");

    @Test
    void webhookUsesOnlyThePublicEngineApi() {
        noClasses()
                .that()
                .resideInAPackage("dev.vigil.webhook..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.vigil.policy..internal..")
                .check(CLASSES);
    }

    @Test
    void engineNeverDependsOnTheWebhook() {
        noClasses()
                .that()
                .resideInAPackage("dev.vigil.policy..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "picocli..",
                        "dev.vigil.lint..",
                        "dev.vigil.webhook..",
                        "dev.vigil.maven..",
                        "org.apache.maven..")
                .allowEmptyShould(true)
                .check(CLASSES);
    }

    @Test
    void httpLayerHoldsNoPolicyLogic() {
        noClasses()
                .that()
                .resideInAPackage("dev.vigil.webhook.http..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.vigil.policy..")
                .because("the HTTP layer is transport only; decisions come from dev.vigil.webhook.admission")
                .check(CLASSES);
    }

    @Test
    void admissionLayerKnowsNothingOfTransportOrCommandLine() {
        noClasses()
                .that()
                .resideInAPackage("dev.vigil.webhook.admission..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.vigil.webhook.http..", "dev.vigil.webhook.cli..", "org.eclipse.jetty..", "picocli..")
                .check(CLASSES);
    }

    @Test
    void subPackagesAreFreeOfCycles() {
        slices().matching("dev.vigil.webhook.(*)..")
                .should()
                .beFreeOfCycles()
                .allowEmptyShould(true)
                .check(CLASSES);
    }
}
