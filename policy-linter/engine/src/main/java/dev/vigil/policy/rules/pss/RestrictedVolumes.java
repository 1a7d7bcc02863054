package dev.vigil.policy.rules.pss;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.policy.Fields;
import dev.vigil.policy.PodSpec;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.rules.BuiltInRule;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * PSS restricted "Volume Types" (PSA check {@code restrictedVolumes}, all versions): every volume must be one of
 * configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected or secret. Upstream
 * amended its only (v1.0) revision to allow {@code image}, so it is allowed at every version. A volume without any
 * source is an emptyDir (the API server defaults it so). Replaces {@link HostPathVolumes} at restricted.
 */
final class RestrictedVolumes extends BuiltInRule {
    static final String ID = "pss-restricted-volumes";
    static final int SINCE = 0;
    static final Set<String> ALLOWED = Set.of(
            "configMap",
            "csi",
            "downwardAPI",
            "emptyDir",
            "ephemeral",
            "image",
            "persistentVolumeClaim",
            "projected",
            "secret");

    RestrictedVolumes() {
        super(ID);
    }

    @Override
    public void checkPod(PodSpec pod, RuleContext ctx) {
        for (Fields.Item v : pod.objects("volumes")) {
            JsonNode volume = v.node();
            if (hasAllowedSource(volume)) {
                continue;
            }
            String name = Pss.quote(Pss.text(volume.path("name")));
            for (Iterator<Map.Entry<String, JsonNode>> it = volume.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getKey().equals("name") && Pss.isSet(e.getValue())) {
                    ctx.report(
                            pod.owner(),
                            v.path(e.getKey()),
                            "volume " + name + " uses restricted volume type " + Pss.quote(e.getKey()));
                }
            }
        }
    }

    private static boolean hasAllowedSource(JsonNode volume) {
        for (String type : ALLOWED) {
            if (Pss.isSet(volume.path(type))) {
                return true;
            }
        }
        return false;
    }
}
