package dev.vigil.config;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The config support stays what the JWT filter can carry into an application: JDK only, final utilities; only the
 * {@code yaml} package (for the section readers, which bring snakeyaml-engine themselves) uses snakeyaml-engine, and
 * only the {@code cli} package (for the command lines, which bring picocli themselves) uses picocli.
 */
class ArchitectureTest {
    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.vigil.config");

    @Test
    void dependsOnTheJdkOnly() {
        classes()
                .that()
                .resideInAPackage("dev.vigil.config..")
                .and()
                .resideOutsideOfPackages("dev.vigil.config.yaml..", "dev.vigil.config.cli..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("dev.vigil.config", "java..")
                .check(MAIN);
    }

    @Test
    void theYamlStepsUseTheJdkAndSnakeyamlEngineOnly() {
        classes()
                .that()
                .resideInAPackage("dev.vigil.config.yaml..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("dev.vigil.config..", "java..", "org.snakeyaml.engine..")
                .check(MAIN);
    }

    @Test
    void theCommandLineStepsUseTheJdkAndPicocliOnly() {
        classes()
                .that()
                .resideInAPackage("dev.vigil.config.cli..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("dev.vigil.config.cli..", "java..", "picocli..")
                .check(MAIN);
    }

    @Test
    void knowsNoFrontEnd() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.vigil.policy..",
                        "dev.vigil.jwt..",
                        "dev.vigil.webhook..",
                        "dev.vigil.vuln..",
                        "dev.vigil.lint..",
                        "dev.vigil.code..",
                        "dev.vigil.archrules..")
                .check(MAIN);
    }

    @Test
    void publicClassesAreFinal() {
        classes()
                .that()
                .arePublic()
                .and()
                .areTopLevelClasses()
                .should()
                .haveModifier(com.tngtech.archunit.core.domain.JavaModifier.FINAL)
                .check(MAIN);
    }
}
