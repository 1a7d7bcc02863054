package dev.vigil.webhook.admission;

import dev.vigil.policy.Profiles;
import dev.vigil.policy.PssVersion;
import java.util.Objects;

/**
 * What one mode checks: a profile at a Pod Security Standards version. The profile {@code none} (alias
 * {@code privileged}, as Pod Security Admission names its "allow everything" level) turns the mode off.
 *
 * @param profile a profile name of {@link Profiles} or {@link #NONE}
 * @param version the PSS version the profile's checks apply at
 */
public record Level(String profile, PssVersion version) {
    /** The profile name that disables a mode. */
    public static final String NONE = "none";

    public Level {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(version, "version");
    }

    /**
     * Parses a profile name (and {@code privileged} as {@code none}).
     *
     * @throws IllegalArgumentException naming the value and the accepted ones
     */
    public static String parseProfile(String text) {
        String p = text == null ? "" : text.strip();
        if (p.equals(NONE) || p.equals("privileged")) {
            return NONE;
        }
        if (!Profiles.names().contains(p)) {
            throw new IllegalArgumentException("profile '" + text + "' is not known; expected one of "
                    + String.join(", ", Profiles.names()) + ", none");
        }
        return p;
    }

    public static Level of(String profile, String version) {
        return new Level(parseProfile(profile), PssVersion.parse(version));
    }

    /** True when this level checks nothing. */
    public boolean disabled() {
        return profile.equals(NONE);
    }

    @Override
    public String toString() {
        return profile + ":" + version;
    }
}
