package dev.vigil.lint.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

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
    void cliUsesOnlyThePublicEngineApi() {
        noClasses()
                .that()
                .resideInAPackage("dev.vigil.lint..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.vigil.policy..internal..")
                .check(CLASSES);
    }

    @Test
    void engineNeverDependsOnTheCli() {
        noClasses()
                .that()
                .resideInAPackage("dev.vigil.policy..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.vigil.lint..", "picocli..")
                .allowEmptyShould(true)
                .check(CLASSES);
    }
}
