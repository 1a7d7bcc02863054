package dev.vigil.webhook.admission;

import dev.vigil.policy.PssVersion;
import java.util.List;
import java.util.Map;

/**
 * Reads a namespace's {@code vigil.dev/enforce|warn|audit} (a profile) and {@code vigil.dev/<mode>-version} (a
 * PSS version) labels over the defaults. An invalid label never fails the request: the default for that mode
 * applies and a warning tells the user which label is wrong.
 */
final class NamespaceLevels {
    private NamespaceLevels() {}

    static ModeLevels resolve(Map<String, String> labels, ModeLevels defaults, List<String> problems) {
        if (labels == null || labels.isEmpty()) {
            return defaults;
        }
        return new ModeLevels(
                level(labels, "enforce", defaults.enforce(), problems),
                level(labels, "warn", defaults.warn(), problems),
                level(labels, "audit", defaults.audit(), problems));
    }

    private static Level level(Map<String, String> labels, String mode, Level fallback, List<String> problems) {
        String profileKey = AdmissionReviewer.LABEL_PREFIX + mode;
        String versionKey = profileKey + "-version";
        String profileValue = labels.get(profileKey);
        String versionValue = labels.get(versionKey);
        if (profileValue == null && versionValue == null) {
            return fallback;
        }
        String profile = fallback.profile();
        PssVersion version = fallback.version();
        if (profileValue != null) {
            try {
                profile = Level.parseProfile(profileValue);
            } catch (IllegalArgumentException e) {
                problems.add(Messages.truncate("namespace label " + profileKey + "=" + profileValue
                        + " is not a profile; using " + fallback.profile()));
            }
        }
        if (versionValue != null) {
            try {
                version = PssVersion.parse(versionValue);
            } catch (IllegalArgumentException e) {
                problems.add(Messages.truncate("namespace label " + versionKey + "=" + versionValue
                        + " is not a PSS version; using " + fallback.version()));
            }
        }
        return new Level(profile, version);
    }
}
