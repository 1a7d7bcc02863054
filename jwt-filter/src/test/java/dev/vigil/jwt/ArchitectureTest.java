package dev.vigil.jwt;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
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
        noClasses()
                .that()
                .resideInAPackage("dev.vigil.jwt.internal..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.vigil.jwt")
                .check(CLASSES);
        slices().matching("dev.vigil.(**)")
                .should()
                .beFreeOfCycles()
                .allowEmptyShould(true)
                .check(CLASSES);
    }

    @Test
    void nothingOutsideTheModuleUsesItsInternals() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.vigil.jwt..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.vigil.jwt.internal..")
                .allowEmptyShould(true)
                .check(CLASSES);
    }

    @Test
    void publicApiClassesAreFinal() {
        classes()
                .that()
                .resideInAPackage("dev.vigil.jwt")
                .and()
                .arePublic()
                .and()
                .areNotInterfaces()
                .and()
                .areNotEnums()
                .and()
                .areNotRecords()
                .should()
                .haveModifier(JavaModifier.FINAL)
                .check(CLASSES);
    }

    @Test
    void randomnessIsAlwaysSecure() {
        noClasses()
                .that()
                .resideInAPackage("dev.vigil.jwt..")
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.util.Random")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.util.concurrent.ThreadLocalRandom")
                .check(CLASSES);
    }

    @Test
    void nothingPrintsToTheConsole() {
        noClasses()
                .that()
                .resideInAPackage("dev.vigil.jwt..")
                .should()
                .accessField(System.class, "out")
                .orShould()
                .accessField(System.class, "err")
                .check(CLASSES);
    }

    @Test
    void nimbusProcessorsWithTheirLaxDefaultsAreNeverUsed() {
        noClasses()
                .that()
                .resideInAPackage("dev.vigil.jwt..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("com.nimbusds.jose.proc..", "com.nimbusds.jwt.proc..")
                .because("every check goes through TokenVerifier, whose limits come first")
                .check(CLASSES);
        noClasses()
                .that()
                .resideInAPackage("dev.vigil.jwt..")
                .and()
                .doNotHaveSimpleName("PreparedKey")
                .should()
                .dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.and(
                        com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage(
                                "com.nimbusds.jose.crypto.."),
                        com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith("Verifier")))
                .because("signatures are verified in exactly one place")
                .check(CLASSES);
    }
}
