package dev.vigil.policy;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The named rule sets users pick with {@code --profile}. A profile either holds rules directly (rules name it in
 * their metadata) or includes other profiles.
 */
public final class Profiles {
    public static final String PSS_BASELINE = "pss-baseline";
    public static final String PSS_RESTRICTED = "pss-restricted";
    public static final String BEST_PRACTICES = "best-practices";
    public static final String SCHEMA = "schema";
    public static final String RECOMMENDED = "recommended";

    private static final Map<String, List<String>> INCLUDES = new LinkedHashMap<>();

    static {
        INCLUDES.put(PSS_BASELINE, List.of());
        INCLUDES.put(PSS_RESTRICTED, List.of(PSS_BASELINE));
        INCLUDES.put(BEST_PRACTICES, List.of());
        INCLUDES.put(SCHEMA, List.of());
        INCLUDES.put(RECOMMENDED, List.of(PSS_RESTRICTED, BEST_PRACTICES, SCHEMA));
    }

    private Profiles() {}

    /** Every profile name, in a stable order. */
    public static Set<String> names() {
        return INCLUDES.keySet();
    }

    /**
     * The profile names plus every profile they include.
     *
     * @throws IllegalArgumentException naming an unknown profile and the known ones
     */
    public static Set<String> expand(Iterable<String> profiles) {
        Set<String> out = new LinkedHashSet<>();
        for (String p : profiles) {
            add(p, out);
        }
        return out;
    }

    private static void add(String profile, Set<String> out) {
        List<String> included = INCLUDES.get(profile);
        if (included == null) {
            throw new IllegalArgumentException(
                    "unknown profile '" + profile + "'; expected one of " + String.join(", ", names()));
        }
        if (out.add(profile)) {
            for (String i : included) {
                add(i, out);
            }
        }
    }
}
