package dev.vigil.policy.rules.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.policy.PodSpec;
import dev.vigil.policy.ResourceSet;
import dev.vigil.policy.load.ManifestLoader;
import org.junit.jupiter.api.Test;

/** Run-time labels of pods: template labels plus what controllers add, matched as "could select". */
class PodLabelsTest {
    private static final String WORKLOADS = """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: web, namespace: shop}
            spec:
              serviceName: web
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: c, image: nginx:1.27}]}
            ---
            apiVersion: batch/v1
            kind: CronJob
            metadata: {name: report, namespace: shop}
            spec:
              schedule: "0 * * * *"
              jobTemplate:
                spec:
                  completionMode: Indexed
                  completions: 3
                  template:
                    metadata: {labels: {app: report}}
                    spec: {restartPolicy: Never, containers: [{name: c, image: report:1.0}]}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: debug, namespace: shop, labels: {app: debug}}
            spec: {containers: [{name: c, image: busybox:1.36}]}
            """;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static PodLabels labels(int index) {
        ResourceSet set = ResourceSet.of(
                new ManifestLoader().loadText(WORKLOADS, "in.yaml").resources());
        PodSpec pod = set.allPodSpecs().get(index);
        return PodLabels.of(set, pod);
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void statefulSetPodsCarryTheirNameOrdinalAndRevision() throws Exception {
        PodLabels web = labels(0);
        assertThat(web.mayHave("statefulset.kubernetes.io/pod-name", "web-0")).isTrue();
        assertThat(web.mayHave("statefulset.kubernetes.io/pod-name", "web-12")).isTrue();
        assertThat(web.mayHave("statefulset.kubernetes.io/pod-name", "web-01")).isFalse();
        assertThat(web.mayHave("statefulset.kubernetes.io/pod-name", "wbe-0")).isFalse();
        assertThat(web.mayHave("statefulset.kubernetes.io/pod-name", "web")).isFalse();
        assertThat(web.mayHave("apps.kubernetes.io/pod-index", "2")).isTrue();
        assertThat(web.mayHave("pod-template-hash", "5d8f7c6b9")).isFalse();
        assertThat(web.mayMatch(json("{\"matchExpressions\":[{\"key\":\"controller-revision-hash\","
                        + "\"operator\":\"Exists\"}]}")))
                .isTrue();
        assertThat(web.mayMatch(json("{\"matchExpressions\":[{\"key\":\"controller-revision-hash\","
                        + "\"operator\":\"DoesNotExist\"}]}")))
                .isFalse();
        assertThat(web.mayMatch(json("{\"matchLabels\":{\"app\":\"web\"},\"matchExpressions\":[{\"key\":"
                        + "\"apps.kubernetes.io/pod-index\",\"operator\":\"NotIn\",\"values\":[\"0\"]}]}")))
                .isTrue();
    }

    @Test
    void cronJobPodsCarryTheirJobsNameAndIndex() throws Exception {
        PodLabels report = labels(1);
        assertThat(report.mayHave("batch.kubernetes.io/job-name", "report-29012345"))
                .isTrue();
        assertThat(report.mayHave("job-name", "report")).isFalse();
        assertThat(report.mayHave("batch.kubernetes.io/job-completion-index", "1"))
                .isTrue();
        assertThat(report.mayMatchMap(json("{\"app\":\"report\",\"controller-uid\":\"3f1c9a2e\"}")))
                .isTrue();
        assertThat(report.mayMatchMap(json("{\"app\":\"reports\"}"))).isFalse();
    }

    @Test
    void barePodsCarryOnlyTheirOwnLabels() throws Exception {
        PodLabels debug = labels(2);
        assertThat(debug.addedKeys()).isEmpty();
        assertThat(debug.mayMatchMap(json("{\"app\":\"debug\"}"))).isTrue();
        assertThat(debug.mayMatchMap(json("{}"))).isFalse();
        assertThat(debug.mayMatch(json("{}"))).isTrue();
        assertThat(debug.mayMatch(json("null"))).isFalse();
    }
}
