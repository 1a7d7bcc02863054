package dev.vigil.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * States this module's architecture: test support is a leaf every module's tests use, so it knows none of them,
 * and needs nothing but the JDK and the JUnit Platform (no AssertJ, no ArchUnit, no module's code).
 */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.vigil.testsupport");

    @Test
    void knowsNoModuleItSupports() {
        noClasses()
                .that()
                .resideInAPackage("dev.vigil.testsupport..")
                .should()
                .dependOnClassesThat(JavaClass.Predicates.resideInAPackage("dev.vigil..")
                        .and(JavaClass.Predicates.resideOutsideOfPackage("dev.vigil.testsupport..")))
                .check(CLASSES);
    }

    @Test
    void needsOnlyTheJdkAndTheJUnitPlatform() {
        classes()
                .that()
                .resideInAPackage("dev.vigil.testsupport..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        "dev.vigil.testsupport..",
                        "java..",
                        "org.junit.jupiter.api..",
                        "org.junit.platform.launcher..",
                        "org.junit.platform.engine..",
                        "org.opentest4j..")
                .check(CLASSES);
    }

    @Test
    void publicClassesAreFinalUtilities() {
        classes()
                .that()
                .resideInAPackage("dev.vigil.testsupport..")
                .and()
                .arePublic()
                .and()
                .areTopLevelClasses()
                .should()
                .haveModifier(JavaModifier.FINAL)
                .check(CLASSES);
    }
}
