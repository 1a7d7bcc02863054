package dev.vigil.policy.rules.container;

import dev.vigil.policy.PodSpec;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;
import dev.vigil.policy.rules.support.ImageReference;
import java.util.Locale;

/** The image tag is {@code latest} and no digest pins it. */
final class ImageTagLatest extends BuiltInRule {
    ImageTagLatest() {
        super("image-tag-latest");
    }

    @Override
    public void checkPod(PodSpec pod, RuleContext ctx) {
        for (PodSpec.Container c : pod.allContainers()) {
            String image = c.json().path("image").asText("");
            ImageReference ref = ImageReference.parse(image);
            if (!ref.hasDigest() && ref.tag().toLowerCase(Locale.ROOT).equals("latest")) {
                ctx.report(
                        c, "image", "container \"" + c.name() + "\" uses the mutable tag latest (\"" + image + "\")");
            }
        }
    }
}
