package dev.vigil.code.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** States this module's architecture: a picocli adapter over the rule library's public API, nothing more. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.vigil.code", "dev.vigil.archrules");

    @Test
    void cliUsesTheSharedRunStepAndWritersNotTheEngineInternals() {
        noClasses()
                .that()
                .resideInAPackage("dev.vigil.code.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.vigil.archrules.flow..", "com.tngtech.archunit..", "com.fasterxml.jackson..")
                .check(CLASSES);
    }

    @Test
    void theLibraryNeverDependsOnTheCli() {
        noClasses()
                .that()
                .resideInAPackage("dev.vigil.archrules..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.vigil.code..", "picocli..")
                .check(CLASSES);
    }
}
