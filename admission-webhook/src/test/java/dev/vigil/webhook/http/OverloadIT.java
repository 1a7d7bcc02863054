package dev.vigil.webhook.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.policy.PolicyConfig;
import dev.vigil.policy.Resource;
import dev.vigil.policy.Rule;
import dev.vigil.policy.RuleContext;
import dev.vigil.policy.RuleMetadata;
import dev.vigil.policy.Severity;
import dev.vigil.webhook.Reviews;
import dev.vigil.webhook.TestPki;
import dev.vigil.webhook.TestServer;
import dev.vigil.webhook.admission.AdmissionSettings;
import dev.vigil.webhook.admission.NamespaceLabels;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deliberately slow rule and one worker: requests beyond the bounded queue are shed at once with an explicit
 * 429 answer carrying their uid, never left to hit the API server's deadline.
 */
class OverloadIT {
    @TempDir
    Path dir;

    /** A custom rule that takes 300 ms per object. */
    static final class SlowRule implements Rule {
        /** Checks begun, so that tests wait for a request to be in flight instead of sleeping. */
        static final java.util.concurrent.atomic.AtomicInteger STARTED =
                new java.util.concurrent.atomic.AtomicInteger();

        private static final RuleMetadata META = new RuleMetadata(
                "slow-rule",
                "Takes its time",
                Severity.INFO,
                "test",
                Set.of("pss-baseline"),
                "Sleeps to simulate an expensive check.",
                "Nothing to do.",
                "",
                List.of());

        @Override
        public RuleMetadata metadata() {
            return META;
        }

        @Override
        public void checkResource(Resource resource, RuleContext ctx) {
            STARTED.incrementAndGet();
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void excessRequestsAreShedFastWithTheirUidAndEveryAnswerBeatsTheDeadline() throws Exception {
        TestPki pki = TestPki.create(dir);
        AdmissionSettings settings = AdmissionSettings.standard()
                .withPolicy(PolicyConfig.builder().customRule(new SlowRule()).build());
        ServerOptions options =
                ServerOptions.defaults(pki.tlsCert(), pki.tlsKey()).withWorkers(1, 1, Duration.ofSeconds(1));
        try (TestServer server = TestServer.start(pki, settings, NamespaceLabels.NONE, options)) {
            int requests = 8;
            ExecutorService pool = Executors.newFixedThreadPool(requests);
            List<Future<long[]>> answers = new ArrayList<>();
            List<String> uids = new ArrayList<>();
            List<JsonNode> responses = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int i = 0; i < requests; i++) {
                var review = Reviews.create(AdmissionEndpointIT.restrictedPod(), "team-a");
                uids.add(review.path("request").path("uid").asText());
                answers.add(pool.submit(() -> {
                    long start = System.nanoTime();
                    JsonNode r = server.client.review("/validate", review);
                    responses.add(r);
                    long elapsed = System.nanoTime() - start;
                    return new long[] {elapsed, r.path("status").path("code").asInt()};
                }));
            }
            int shed = 0;
            for (Future<long[]> f : answers) {
                long[] a = f.get();
                // the client appended ?timeout=3s; every answer must come before it
                assertThat(Duration.ofNanos(a[0])).isLessThan(Duration.ofSeconds(3));
                if (a[1] == 429) {
                    shed++;
                }
            }
            pool.shutdown();
            assertThat(shed).isPositive().isLessThan(requests);
            for (JsonNode r : responses) {
                assertThat(uids).contains(r.path("uid").asText());
                if (r.path("status").path("code").asInt() == 429) {
                    assertThat(r.path("allowed").asBoolean()).isFalse();
                    assertThat(r.path("status").path("message").asText())
                            .startsWith("vigil webhook is overloaded, retry: ");
                }
            }
            assertThat(server.client.get("/metrics").body())
                    .containsPattern("vigil_webhook_shed_total\\{endpoint=\"validate\"} [1-9]");
        }
    }
}
