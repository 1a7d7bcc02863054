package dev.vigil.policy.rules.pss;

import dev.vigil.policy.Rule;
import java.util.List;

/** The Pod Security Standards checks, baseline then restricted, as Pod Security Admission defines them. */
public final class PssRules {
    private PssRules() {}

    public static List<Rule> all() {
        return List.of(new Privileged());
    }
}
