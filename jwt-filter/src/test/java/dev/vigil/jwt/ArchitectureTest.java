package dev.vigil.jwt;

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
    void standsAloneWithoutTheOtherModules() {
        noClasses()
                .that()
                .resideInAPackage("dev.vigil.jwt..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.vigil.policy..", "dev.vigil.metrics..", "dev.vigil.webhook..")
                .check(CLASSES);
    }

    @Test
    void internalsDoNotDependOnTheApiFacade() {
        slices().matching("dev.vigil.jwt.(*)..")
                .should()
                .beFreeOfCycles()
                .allowEmptyShould(true)
                .check(CLASSES);
    }
}
