package dev.vigil.metrics;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.members;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * States the library's architecture (artifact {@code vigil-metrics}); a violation fails the build. The library is for
 * code use: it must stay free of the agent ({@code vigil-metrics-agent}) and of the agent's bytecode and rule tooling,
 * so that an application depending on it gets Micrometer and the Prometheus client, nothing else.
 */
class ArchitectureTest {
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
     * internal type: no public or protected method, constructor or field of a public {@code dev.vigil.metrics} class
     * has one in its signature.
     */
    static final ArchRule API_EXPOSES_NO_INTERNAL_TYPE = members()
            .that()
            .areDeclaredInClassesThat()
            .resideInAPackage("dev.vigil.metrics")
            .and()
            .areDeclaredInClassesThat()
            .arePublic()
            .and(new DescribedPredicate<JavaMember>("are public or protected") {
                @Override
                public boolean test(JavaMember m) {
                    return m.getModifiers().contains(JavaModifier.PUBLIC)
                            || m.getModifiers().contains(JavaModifier.PROTECTED);
                }
            })
            .should(new ArchCondition<JavaMember>("not have an internal type in their signature") {
                @Override
                public void check(JavaMember m, ConditionEvents events) {
                    List<JavaClass> types = new ArrayList<>();
                    if (m instanceof JavaField f) {
                        types.add(f.getRawType());
                    } else if (m instanceof JavaCodeUnit c) {
                        types.add(c.getRawReturnType());
                        types.addAll(c.getRawParameterTypes());
                    }
                    for (JavaClass t : types) {
                        if (t.getPackageName().startsWith("dev.vigil.metrics.internal")) {
                            events.add(SimpleConditionEvent.violated(m, m.getFullName() + " exposes " + t.getName()));
                        }
                    }
                }
            });

    @Test
    void thePublicApiExposesNoInternalType() {
        API_EXPOSES_NO_INTERNAL_TYPE.check(CLASSES);
    }

    /** The rule above can fail: a public API class with a public method returning an internal type violates it. */
    @Test
    void theApiRuleCatchesAnExposedInternalType() {
        JavaClasses leaky = new ClassFileImporter().importClasses(LeakyApi.class);
        assertThatThrownBy(() -> API_EXPOSES_NO_INTERNAL_TYPE.check(leaky))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("LeakyApi.normalizer()")
                .hasMessageContaining("exposes dev.vigil.metrics.internal.RouteNormalizer");
    }

    /** Test fixture for the rule above; not imported by {@link #CLASSES} (tests are excluded). */
    public static final class LeakyApi {
        public dev.vigil.metrics.internal.RouteNormalizer normalizer() {
            return null;
        }
    }
}
