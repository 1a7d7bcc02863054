package dev.vigil.webhook.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.policy.PolicyConfig;
import dev.vigil.policy.PolicyEngine;
import dev.vigil.policy.Resource;
import dev.vigil.policy.load.ManifestLoader;
import dev.vigil.testsupport.Requirements;
import io.fabric8.zjsonpatch.JsonPatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The opt-in mutation: minimal, add-only, idempotent. */
class MutationTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final tools.jackson.databind.ObjectMapper JSON3 = new tools.jackson.databind.ObjectMapper();
    static final Path CONFORMANCE = Path.of(System.getProperty(
            "vigil.conformance.dir",
            Requirements.sharedDir().resolve("conformance/pss").toString()));
    static final Path RULES = Path.of(
            System.getProperty("vigil.rules.dir", "../policy-linter/engine/src/main/resources/dev/vigil/policy/rules"));

    final AdmissionReviewer reviewer = new AdmissionReviewer(
            AdmissionSettings.standard(),
            NamespaceLabels.of(Map.of("opt-in", Map.of("vigil.dev/mutate", "true"), "opt-out", Map.of())));

    @Test
    void plainPodGetsExactlyTheMissingDefaultsAndThenPassesRestricted() throws Exception {
        ObjectNode pod = (ObjectNode) JSON.readTree("""
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},
                 "spec":{"containers":[{"name":"app","image":"registry.example/app:1.0",
                   "securityContext":{"capabilities":{"drop":["NET_RAW"]}}}]}}""");
        AdmissionDecision d = reviewer.mutate(request(pod, "opt-in"));

        assertThat(d.allowed()).isTrue();
        assertThat(d.patch().toString())
                .isEqualTo("[{\"op\":\"add\",\"path\":\"/spec/securityContext\",\"value\":{\"seccompProfile\":"
                        + "{\"type\":\"RuntimeDefault\"},\"runAsNonRoot\":true}},"
                        + "{\"op\":\"add\",\"path\":\"/spec/containers/0/securityContext/allowPrivilegeEscalation\","
                        + "\"value\":false},"
                        + "{\"op\":\"add\",\"path\":\"/spec/containers/0/securityContext/capabilities/drop/-\","
                        + "\"value\":\"ALL\"}]");
        ObjectNode mutated = apply(pod, d.patch());
        assertThat(PolicyEngine.create(
                                PolicyConfig.builder().profile("pss-restricted").build())
                        .evaluate(List.of(Resource.of(mutated, "mutated")))
                        .findings())
                .isEmpty();
        assertThat(reviewer.mutate(request(mutated, "opt-in")).patch()).isNull();
    }

    @Test
    void namespacesWithoutTheLabelAreNotMutated() throws Exception {
        ObjectNode pod = (ObjectNode) JSON.readTree("""
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},
                 "spec":{"containers":[{"name":"app","image":"a"}]}}""");
        assertThat(reviewer.mutate(request(pod, "opt-out")).patch()).isNull();
        assertThat(reviewer.mutate(request(pod, "unknown")).patch()).isNull();
    }

    @Test
    void everyFixtureIsPatchedAddOnlyAndASecondCallYieldsNoPatch() throws Exception {
        List<ObjectNode> objects = new ArrayList<>();
        Requirements.path("pss-fixtures", CONFORMANCE, "the upstream PSS conformance fixtures");
        Requirements.path("rule-fixtures", RULES, "the linter's rule fixtures (policy-linter/engine)");
        int fixtures = 0;
        for (Path root : List.of(CONFORMANCE, RULES)) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".yaml")
                                && Set.of("pass", "fail")
                                        .contains(p.getParent().getFileName().toString()))
                        .toList()) {
                    fixtures++;
                    List<ObjectNode> loaded = new ArrayList<>();
                    new ManifestLoader().load(List.of(f.toString())).resources().forEach(r -> loaded.add(r.json()));
                    assertThat(loaded).as("objects in %s", f).isNotEmpty();
                    objects.addAll(loaded);
                }
            }
        }
        // every fixture means every one: the PSS copy alone holds about a thousand files
        assertThat(fixtures).isGreaterThan(1000);
        int patched = 0;
        for (ObjectNode o : objects) {
            AdmissionDecision first = reviewer.mutate(request(o, "opt-in"));
            if (first.patch() == null) {
                continue;
            }
            patched++;
            for (JsonNode op : first.patch()) {
                assertThat(op.path("op").asText()).isEqualTo("add");
                String path = op.path("path").asText();
                if (!path.endsWith("/-")) {
                    assertThat(o.at(path).isMissingNode())
                            .as(
                                    "%s: patch must not overwrite %s",
                                    o.path("metadata").path("name"), path)
                            .isTrue();
                }
            }
            ObjectNode mutated = apply(o, first.patch());
            assertThat(reviewer.mutate(request(mutated, "opt-in")).patch())
                    .as("second patch of %s", o.path("metadata").path("name").asText())
                    .isNull();
        }
        assertThat(patched).isPositive();
    }

    static ObjectNode apply(ObjectNode source, ArrayNode patch) throws Exception {
        tools.jackson.databind.JsonNode out =
                JsonPatch.apply(JSON3.readTree(patch.toString()), JSON3.readTree(source.toString()));
        return (ObjectNode) JSON.readTree(out.toString());
    }

    static AdmissionRequestView request(ObjectNode object, String namespace) {
        ObjectNode req = JSON.createObjectNode();
        req.put("uid", "u").put("operation", "CREATE").put("namespace", namespace);
        req.putObject("kind").put("kind", object.path("kind").asText());
        req.putObject("userInfo").put("username", "alice");
        req.set("object", object.deepCopy());
        return AdmissionRequestView.from(req);
    }
}
