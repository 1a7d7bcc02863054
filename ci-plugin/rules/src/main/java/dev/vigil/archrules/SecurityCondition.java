package dev.vigil.archrules;

import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Optional;

/** Runs a {@link ClassCheck}, drops findings suppressed with {@link Suppress}, emits {@link Violation}s. */
final class SecurityCondition extends ArchCondition<JavaClass> {
    private static final String SUPPRESS = Suppress.class.getName();
    private static final String SUPPRESS_LIST = Suppress.List.class.getName();

    private final String ruleId;
    private final ClassCheck check;

    SecurityCondition(String ruleId, String title, ClassCheck check) {
        super(title);
        this.ruleId = ruleId;
        this.check = check;
    }

    @Override
    public void check(JavaClass javaClass, ConditionEvents events) {
        if (suppressedOnClass(javaClass)) {
            return;
        }
        String sourceFile = javaClass.getSource().flatMap(s -> s.getFileName()).orElse(null);
        check.check(javaClass, (member, line, detail, message, path) -> {
            if (!suppressedOnMember(javaClass, member)) {
                Violation v =
                        new Violation(ruleId, javaClass.getName(), sourceFile, member, line, detail, message, path);
                events.add(SimpleConditionEvent.violated(v, v.describe()));
            }
        });
    }

    private boolean suppressedOnClass(JavaClass javaClass) {
        for (JavaClass c = javaClass; c != null; c = c.getEnclosingClass().orElse(null)) {
            if (suppresses(c.tryGetAnnotationOfType(SUPPRESS), c.tryGetAnnotationOfType(SUPPRESS_LIST))) {
                return true;
            }
        }
        return false;
    }

    private boolean suppressedOnMember(JavaClass javaClass, String member) {
        if (member.isEmpty()) {
            return false;
        }
        String name = enclosingMethodOfLambda(member);
        for (JavaMember m : javaClass.getMembers()) {
            if (m.getName().equals(name)
                    && suppresses(m.tryGetAnnotationOfType(SUPPRESS), m.tryGetAnnotationOfType(SUPPRESS_LIST))) {
                return true;
            }
        }
        return false;
    }

    /** {@code lambda$handle$0} is the body of a lambda written in {@code handle}. */
    private static String enclosingMethodOfLambda(String member) {
        if (member.startsWith("lambda$")) {
            int end = member.indexOf('$', 7);
            return end > 7 ? member.substring(7, end) : member;
        }
        return member;
    }

    private boolean suppresses(
            Optional<? extends JavaAnnotation<?>> single, Optional<? extends JavaAnnotation<?>> list) {
        if (single.isPresent() && matches(single.get())) {
            return true;
        }
        if (list.isPresent()) {
            Object value = list.get().get("value").orElse(null);
            if (value instanceof Object[] items) {
                for (Object item : items) {
                    if (item instanceof JavaAnnotation<?> a && matches(a)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private boolean matches(JavaAnnotation<?> suppress) {
        return ruleId.equals(suppress.get("rule").orElse(null));
    }
}
