package dev.vigil.archrules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * States this module's architecture: the rule library is shared by every front end, so it depends on none; the rules
 * and the data-flow engine do not know how their findings are reported.
 */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.vigil.archrules");

    @Test
    void theLibraryDependsOnNoFrontEnd() {
        noClasses()
                .that()
                .resideInAPackage("dev.vigil.archrules..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.vigil.maven..", "dev.vigil.code..", "org.apache.maven..", "picocli..")
                .check(CLASSES);
    }

    @Test
    void rulesAndEngineDoNotDependOnTheReports() {
        noClasses()
                .that()
                .resideInAnyPackage("dev.vigil.archrules", "dev.vigil.archrules.flow..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.vigil.archrules.report..")
                .check(CLASSES);
    }

    /** Reports see the engine only through the rules' violations (and a path's steps), not its analysis. */
    @Test
    void theReportsUseTheEngineOnlyThroughTheRules() {
        noClasses()
                .that()
                .resideInAPackage("dev.vigil.archrules.report..")
                .should()
                .dependOnClassesThat(JavaClass.Predicates.resideInAPackage("dev.vigil.archrules.flow..")
                        .and(DescribedPredicate.not(JavaClass.Predicates.simpleName("Step"))))
                .check(CLASSES);
    }
}
