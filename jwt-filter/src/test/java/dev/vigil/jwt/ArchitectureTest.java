package dev.vigil.jwt;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.members;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
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

    /**
     * Code outside the module can only reach {@code internal} through the public API, so the API must not expose an
     * internal type: no public or protected method, constructor or field of a public {@code dev.vigil.jwt} class has
     * one in its signature. (A rule over "classes outside dev.vigil.jwt" would be empty here: none are imported.)
     */
    static final ArchRule API_EXPOSES_NO_INTERNAL_TYPE = members()
            .that()
            .areDeclaredInClassesThat()
            .resideInAPackage("dev.vigil.jwt")
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
                        if (t.getPackageName().startsWith("dev.vigil.jwt.internal")) {
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
                .hasMessageContaining("LeakyApi.reason()")
                .hasMessageContaining("exposes dev.vigil.jwt.internal.Reason");
    }

    /** Test fixture for the rule above; not imported by {@link #CLASSES} (tests are excluded). */
    public static final class LeakyApi {
        public dev.vigil.jwt.internal.Reason reason() {
            return null;
        }
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
