package dev.vigil.policy.rules.container;

import dev.vigil.policy.PodSpec;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;
import dev.vigil.policy.rules.support.ImageReference;

/**
 * An explicit {@code imagePullPolicy} other than {@code Always} on an image not pinned by digest: a node may run a
 * stale image for a moved tag, or another tenant's cached private image without checking pull credentials.
 * Unset policies are left to the Kubernetes default and not reported.
 */
final class ImagePullPolicy extends BuiltInRule {
    ImagePullPolicy() {
        super("image-pull-policy");
    }

    @Override
    public void checkPod(PodSpec pod, RuleContext ctx) {
        for (PodSpec.Container c : pod.allContainers()) {
            String policy = c.json().path("imagePullPolicy").asText("");
            String image = c.json().path("image").asText("");
            if ((policy.equals("IfNotPresent") || policy.equals("Never"))
                    && !ImageReference.parse(image).hasDigest()) {
                ctx.report(
                        c,
                        "imagePullPolicy",
                        "container \"" + c.name() + "\" pulls \"" + image + "\" with imagePullPolicy " + policy
                                + " although the image is not pinned by digest");
            }
        }
    }
}
