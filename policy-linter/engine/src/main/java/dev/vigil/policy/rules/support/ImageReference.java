package dev.vigil.policy.rules.support;

/**
 * A container image reference split into name, tag and digest ({@code registry:5000/team/app:1.2@sha256:…}). A
 * colon in the registry host ({@code registry:5000/app}) is a port, not a tag.
 *
 * @param name registry and repository, e.g. {@code registry:5000/team/app}
 * @param tag the tag, empty when none
 * @param digest the digest ({@code sha256:…}), empty when none
 */
public record ImageReference(String name, String tag, String digest) {
    public static ImageReference parse(String image) {
        String rest = image.strip();
        String digest = "";
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
        }
        String tag = "";
        int slash = rest.lastIndexOf('/');
        int colon = rest.lastIndexOf(':');
        if (colon > slash) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
        }
        return new ImageReference(rest, tag, digest);
    }

    public boolean hasDigest() {
        return !digest.isEmpty();
    }

    public boolean hasTag() {
        return !tag.isEmpty();
    }
}
