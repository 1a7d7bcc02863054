package dev.vigil.maven;

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
    void pluginUsesOnlyThePublicEngineApi() {
        noClasses()
                .that()
                .resideInAnyPackage("dev.vigil.maven..", "dev.vigil.archrules..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.vigil.policy..internal..")
                .check(CLASSES);
    }

    @Test
    void rulepackDoesNotDependOnMaven() {
        noClasses()
                .that()
                .resideInAPackage("dev.vigil.archrules..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.apache.maven..", "dev.vigil.maven..", "dev.vigil.code..", "picocli..")
                .check(CLASSES);
    }

    /**
     * The plugin is one of two front ends of the code rules: it runs them and renders their findings through the
     * shared step and writers ({@code dev.vigil.archrules.report}, as {@code vigil code} does), never through the
     * data-flow engine's internals, and never through the other front end.
     */
    @Test
    void pluginRunsTheCodeRulesThroughTheSharedReportApi() {
        noClasses()
                .that()
                .resideInAPackage("dev.vigil.maven..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.vigil.archrules.flow..", "dev.vigil.code..")
                .check(CLASSES);
    }
}
