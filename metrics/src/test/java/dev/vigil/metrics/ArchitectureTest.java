package dev.vigil.metrics;

import static com.tngtech.archunit.base.DescribedPredicate.anyElementThat;
import static com.tngtech.archunit.core.domain.properties.HasModifiers.Predicates.modifier;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noCodeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import org.junit.jupiter.api.Test;

/**
 * States the library's architecture (artifact {@code vigil-metrics}); a violation fails the build. The library is for
 * code use: it must stay free of the agent ({@code vigil-metrics-agent}) and of the agent's bytecode and rule tooling,
 * so that an application depending on it gets Micrometer and the Prometheus client, nothing else.
 */
class ArchitectureTest {
    private static final DescribedPredicate<JavaClass> INTERNAL = JavaClass.Predicates.resideInAPackage(
                    "dev.vigil.metrics.internal..")
            .as("in dev.vigil.metrics.internal");
    /** A public or protected method, constructor or field of a class in {@code dev.vigil.metrics} (the API). */
    private static final DescribedPredicate<JavaMember> API_MEMBER = JavaMember.Predicates.declaredIn(
                    JavaClass.Predicates.resideInAPackage("dev.vigil.metrics"))
            .and(modifier(JavaModifier.PUBLIC).or(modifier(JavaModifier.PROTECTED)))
            .as("are public or protected and declared in classes that reside in package 'dev.vigil.metrics'");

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.vigil.metrics");

    @Test
    void importsTheLibrary() {
        assertThat(CLASSES.contain(VigilMetrics.class)).isTrue();
        assertThat(CLASSES.contain(dev.vigil.metrics.internal.RouteNormalizer.class))
                .isTrue();
    }

    @Test
    void doesNotDependOnTheAgent() {
        noClasses()
                .that()
                .resideInAPackage("dev.vigil.metrics..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.vigil.metrics.agent..")
                .check(CLASSES);
    }

    @Test
    void needsNoBytecodeToolsRuleLanguageYamlOrServletApi() {
        noClasses()
                .that()
                .resideInAPackage("dev.vigil.metrics..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "net.bytebuddy..",
                        "org.objectweb.asm..",
                        "dev.cel..",
                        "org.snakeyaml..",
                        "org.yaml..",
                        "javax.servlet..",
                        "jakarta.servlet..")
                .check(CLASSES);
    }

    @Test
    void standsAloneWithoutTheOtherModules() {
        noClasses()
                .that()
                .resideInAPackage("dev.vigil.metrics..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.vigil.policy..", "dev.vigil.jwt..", "dev.vigil.webhook..", "dev.vigil.vuln..")
                .check(CLASSES);
    }

    @Test
    void internalsDoNotDependOnTheApiFacade() {
        noClasses()
                .that()
                .resideInAPackage("dev.vigil.metrics.internal..")
                .should()
                .dependOnClassesThat()
                .areAssignableTo(VigilMetrics.class)
                .check(CLASSES);
    }

    /**
     * Code using the library reaches {@code internal} only through the public API, so the API must not expose an
     * internal type: no public or protected method, constructor or field of a {@code dev.vigil.metrics} class has one
     * in its signature.
     */
    static final ArchRule API_EXPOSES_NO_INTERNAL_TYPE = CompositeArchRule.of(
                    noMethods().that(API_MEMBER).should().haveRawReturnType(INTERNAL))
            .and(noCodeUnits().that(API_MEMBER).should().haveRawParameterTypes(anyElementThat(INTERNAL)))
            .and(noFields().that(API_MEMBER).should().haveRawType(INTERNAL));

    @Test
    void thePublicApiExposesNoInternalType() {
        API_EXPOSES_NO_INTERNAL_TYPE.check(CLASSES);
    }

    /** The rule above can fail: an internal type as a return type, a parameter type or a field type violates it. */
    @Test
    void theApiRuleCatchesAnExposedInternalType() {
        JavaClasses leaky = new ClassFileImporter().importClasses(LeakyApi.class);
        assertThatThrownBy(() -> API_EXPOSES_NO_INTERNAL_TYPE.check(leaky))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("LeakyApi.normalizer()")
                .hasMessageContaining("LeakyApi.use(dev.vigil.metrics.internal.SeriesCap)")
                .hasMessageContaining("LeakyApi.outcome")
                .hasMessageContaining("has raw return type in dev.vigil.metrics.internal");
    }

    /** Test fixture for the rule above; not imported by {@link #CLASSES} (tests are excluded). */
    public static final class LeakyApi {
        public dev.vigil.metrics.internal.Outcome outcome;

        public dev.vigil.metrics.internal.RouteNormalizer normalizer() {
            return null;
        }

        public void use(dev.vigil.metrics.internal.SeriesCap cap) {}
    }
}
