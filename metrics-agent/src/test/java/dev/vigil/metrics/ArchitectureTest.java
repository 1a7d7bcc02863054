package dev.vigil.metrics;

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
    void libraryDoesNotDependOnTheAgentEntry() {
        noClasses()
                .that()
                .resideInAPackage("dev.vigil.metrics..")
                .and()
                .resideOutsideOfPackage("dev.vigil.metrics.agent..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.vigil.metrics.agent..")
                .check(CLASSES);
    }

    @Test
    void libraryNeedsNeitherByteBuddyNorTheServletApi() {
        noClasses()
                .that()
                .resideInAPackage("dev.vigil.metrics..")
                .and()
                .resideOutsideOfPackage("dev.vigil.metrics.agent..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("net.bytebuddy..", "javax.servlet..", "jakarta.servlet..")
                .check(CLASSES);
    }

    @Test
    void onlyTheAgentTouchesTheServletApi() {
        noClasses()
                .that()
                .resideInAPackage("dev.vigil.metrics.agent..")
                .and()
                .haveSimpleNameNotEndingWith("ServletAdvice")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("javax.servlet..", "jakarta.servlet..")
                .because("only the inlined advice may name servlet types: the agent's own classes are loaded by the"
                        + " system class loader, which may not see the container's servlet API")
                .check(CLASSES);
    }

    @Test
    void standsAloneWithoutTheOtherModules() {
        noClasses()
                .that()
                .resideInAPackage("dev.vigil.metrics..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.vigil.policy..", "dev.vigil.jwt..", "dev.vigil.webhook..")
                .check(CLASSES);
    }
}
