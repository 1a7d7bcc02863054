package dev.vigil.vuln;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The engine knows no front end, and never opens a network connection. */
class ArchitectureTest {
    private static final JavaClasses ENGINE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.vigil.vuln");

    @Test
    void theEngineDependsOnNoFrontEnd() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "picocli..", "org.apache.maven.plugin..", "dev.vigil.vuln.cli..", "dev.vigil.maven..")
                .check(ENGINE);
    }

    @Test
    void theEngineNeverUsesTheNetwork() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("java.net.http..")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.net.URL")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.net.Socket")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.net.HttpURLConnection")
                .check(ENGINE);
    }
}
