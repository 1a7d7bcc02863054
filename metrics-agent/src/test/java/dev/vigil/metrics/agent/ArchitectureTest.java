package dev.vigil.metrics.agent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * States the agent's architecture (artifact {@code vigil-metrics-agent}); a violation fails the build. The agent only
 * wires the library ({@code vigil-metrics}, whose own ArchitectureTest keeps it free of the agent) into the
 * application: everything it adds lives under {@code dev.vigil.metrics.agent}.
 */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("dev.vigil.metrics.agent");

    @Test
    void importsTheAgent() {
        assertThat(CLASSES.contain(MetricsAgent.class)).isTrue();
        assertThat(CLASSES.contain(dev.vigil.metrics.agent.guard.GuardAgent.class))
                .isTrue();
    }

    @Test
    void onlyTheInlinedAdviceTouchesTheServletApi() {
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
                .resideInAPackage("dev.vigil.metrics.agent..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.vigil.policy..", "dev.vigil.jwt..", "dev.vigil.webhook..", "dev.vigil.vuln..")
                .check(CLASSES);
    }

    @Test
    void theGuardIsReachedOnlyThroughGuardAgent() {
        noClasses()
                .that()
                .resideInAPackage("dev.vigil.metrics.agent")
                .and()
                .doNotHaveSimpleName("MetricsAgent")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.vigil.metrics.agent.guard..")
                .because("with guard=off no guard class may be loaded")
                .check(CLASSES);
    }
}
