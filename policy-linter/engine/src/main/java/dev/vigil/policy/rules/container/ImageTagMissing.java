package dev.vigil.policy.rules.container;

import dev.vigil.policy.PodSpec;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;
import dev.vigil.policy.rules.support.ImageReference;

/** The image has neither a tag nor a digest, so it resolves to {@code latest}. */
final class ImageTagMissing extends BuiltInRule {
    ImageTagMissing() {
        super("image-tag-missing");
    }

    @Override
    public void checkPod(PodSpec pod, RuleContext ctx) {
        for (PodSpec.Container c : pod.allContainers()) {
            String image = c.json().path("image").asText("");
            ImageReference ref = ImageReference.parse(image);
            if (!image.isBlank() && !ref.hasDigest() && !ref.hasTag()) {
                ctx.report(
                        c,
                        "image",
                        "container \"" + c.name() + "\" uses image \"" + image + "\" without a tag (it means latest)");
            }
        }
    }
}
