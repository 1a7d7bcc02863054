package dev.vigil.policy;

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
    void engineNeverDependsOnAFrontEnd() {
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
                .check(CLASSES);
    }

    @Test
    void subPackagesAreFreeOfCycles() {
        slices().matching("dev.vigil.policy.(*)..")
                .should()
                .beFreeOfCycles()
                .allowEmptyShould(true)
                .check(CLASSES);
    }
}
