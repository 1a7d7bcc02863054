package dev.vigil.policy.rules.container;

import dev.vigil.policy.PodSpec;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;
import dev.vigil.policy.rules.support.ImageReference;

/** The image is not pinned by digest (informational). */
final class ImageNoDigest extends BuiltInRule {
    ImageNoDigest() {
        super("image-no-digest");
    }

    @Override
    public void checkPod(PodSpec pod, RuleContext ctx) {
        for (PodSpec.Container c : pod.allContainers()) {
            String image = c.json().path("image").asText("");
            if (!image.isBlank() && !ImageReference.parse(image).hasDigest()) {
                ctx.report(
                        c, "image", "container \"" + c.name() + "\" image \"" + image + "\" is not pinned by digest");
            }
        }
    }
}
