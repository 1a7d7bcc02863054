package dev.vigil.webhook.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.policy.Finding;
import dev.vigil.policy.PolicyConfig;
import dev.vigil.policy.PolicyEngine;
import dev.vigil.policy.PssVersion;
import dev.vigil.policy.Report;
import dev.vigil.policy.Resource;
import dev.vigil.policy.Severity;
import dev.vigil.policy.load.LoadResult;
import dev.vigil.policy.load.ManifestLoader;
import dev.vigil.testsupport.Requirements;
import dev.vigil.webhook.Reviews;
import dev.vigil.webhook.TestPki;
import dev.vigil.webhook.TestServer;
import dev.vigil.webhook.admission.AdmissionSettings;
import dev.vigil.webhook.admission.Level;
import dev.vigil.webhook.admission.ModeLevels;
import dev.vigil.webhook.admission.NamespaceLabels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays the linter's rule fixtures and every upstream Pod Security Standards fixture through the webhook over
 * HTTPS — each PSS fixture as a Pod and wrapped in every controller kind — and requires the webhook's verdict
 * (and the rule ids it names) to equal the engine's lint verdict for the same object, profile and version.
 */
class FixtureVerdictIT {
    private static final Path CONFORMANCE = Path.of(System.getProperty(
            "vigil.conformance.dir",
            Requirements.sharedDir().resolve("conformance/pss").toString()));
    private static final Path RULES = Path.of(
            System.getProperty("vigil.rules.dir", "../policy-linter/engine/src/main/resources/dev/vigil/policy/rules"));
    private static final String RULES_NAMESPACE = "fixtures";

    @TempDir
    static Path dir;

    static TestServer server;
    static final Map<String, Map<String, String>> NAMESPACES = new HashMap<>();
    static final Map<String, PolicyEngine> ENGINES = new ConcurrentHashMap<>();

    /** One PSS fixture: a Pod evaluated at a level and version. */
    record PssCase(Path file, String profile, String version, ObjectNode pod) {
        String namespace() {
            return profile + "-" + version.replace('.', '-');
        }
    }

    @BeforeAll
    static void start() throws Exception {
        NAMESPACES.put(RULES_NAMESPACE, Map.of("vigil.dev/enforce", "recommended"));
        for (String level : List.of("baseline", "restricted")) {
            Path levelDir = CONFORMANCE.resolve(level);
            if (Files.isDirectory(levelDir)) {
                try (Stream<Path> versions = Files.list(levelDir)) {
                    versions.forEach(v -> NAMESPACES.put(
                            "pss-" + level + "-" + v.getFileName().toString().replace('.', '-'),
                            Map.of(
                                    "vigil.dev/enforce",
                                    "pss-" + level,
                                    "vigil.dev/enforce-version",
                                    v.getFileName().toString())));
                }
            }
        }
        Level none = new Level(Level.NONE, PssVersion.LATEST);
        AdmissionSettings settings = AdmissionSettings.standard()
                .withDefaults(new ModeLevels(new Level("pss-baseline", PssVersion.LATEST), none, none));
        server = TestServer.start(TestPki.create(dir), settings, NamespaceLabels.of(NAMESPACES));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @TestFactory
    Stream<DynamicTest> everyPssFixtureAsPodAndInEveryControllerGetsTheLintersVerdict() throws IOException {
        Requirements.path("pss-fixtures", CONFORMANCE.resolve("baseline"), "the upstream PSS conformance fixtures");
        List<PssCase> cases = pssCases();
        assertThat(cases).hasSizeGreaterThan(1000);
        List<Reviews.Wrapper> kinds = new ArrayList<>();
        kinds.add(null);
        kinds.addAll(Reviews.CONTROLLERS);
        return kinds.stream()
                .map(w -> DynamicTest.dynamicTest(
                        (w == null ? "Pod" : w.kind()) + " (" + cases.size() + " fixtures)", () -> {
                            List<Check> checks = new ArrayList<>();
                            for (PssCase c : cases) {
                                ObjectNode object = w == null ? c.pod().deepCopy() : Reviews.wrap(c.pod(), w);
                                checks.add(new Check(
                                        c.file().toString(),
                                        object,
                                        c.namespace(),
                                        PolicyConfig.builder()
                                                .profile(c.profile())
                                                .pssVersion(PssVersion.parse(c.version()))
                                                .build()));
                            }
                            runAll(checks);
                        }));
    }

    @TestFactory
    Stream<DynamicTest> everyRuleFixtureGetsTheLintersVerdict() throws IOException {
        Requirements.path("rule-fixtures", RULES, "the linter's rule fixtures (policy-linter/engine)");
        List<Check> checks = new ArrayList<>();
        PolicyConfig recommended = PolicyConfig.builder().profile("recommended").build();
        try (Stream<Path> files = Files.walk(RULES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")
                            && (p.getParent().getFileName().toString().equals("pass")
                                    || p.getParent().getFileName().toString().equals("fail")))
                    .sorted()
                    .toList()) {
                for (Resource r : load(f)) {
                    checks.add(new Check(f.toString(), r.json(), RULES_NAMESPACE, recommended));
                }
            }
        }
        assertThat(checks).isNotEmpty();
        return Stream.of(
                DynamicTest.dynamicTest("rule fixtures (" + checks.size() + " objects)", () -> runAll(checks)));
    }

    /** One object sent to the webhook and evaluated by the engine under {@code config}. */
    record Check(String source, ObjectNode object, String namespace, PolicyConfig config) {}

    private static void runAll(List<Check> checks) throws Exception {
        List<String> mismatches = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger denied = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Check c : checks) {
                futures.add(pool.submit(() -> {
                    compare(c, mismatches, denied);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(mismatches)
                .as("webhook verdicts that differ from the linter's")
                .isEmpty();
        assertThat(denied.get()).as("denied objects").isPositive().isLessThan(checks.size());
    }

    private static void compare(Check c, List<String> mismatches, AtomicInteger denied) throws Exception {
        ObjectNode object = c.object().deepCopy();
        if (object.path("metadata") instanceof ObjectNode m && !m.hasNonNull("namespace")) {
            m.put("namespace", c.namespace());
        }
        Report lint = ENGINES.computeIfAbsent(c.config().toString(), k -> PolicyEngine.create(c.config()))
                .evaluate(List.of(Resource.of(object.deepCopy(), c.source())));
        boolean lintDenies = lint.hasFindingsAtLeast(Severity.ERROR);
        JsonNode response = server.client.review("/validate", Reviews.create(object, c.namespace()));
        boolean allowed = response.path("allowed").asBoolean();
        String what = c.source() + " as " + object.path("kind").asText();
        if (allowed == lintDenies) {
            mismatches.add(what + ": webhook allowed=" + allowed + ", linter findings " + ids(lint));
            return;
        }
        if (!allowed) {
            denied.incrementAndGet();
            String message = response.path("status").path("message").asText();
            for (Finding f : lint.findings()) {
                if (!f.suppressed() && f.severity() == Severity.ERROR && !message.contains(f.ruleId() + " at ")) {
                    mismatches.add(what + ": denial message lacks " + f.ruleId() + ": " + message);
                }
            }
        }
    }

    private static List<String> ids(Report r) {
        return r.findings().stream()
                .filter(f -> !f.suppressed())
                .map(f -> f.ruleId() + "(" + f.severity().id() + ")")
                .toList();
    }

    private static List<Resource> load(Path file) {
        LoadResult result = new ManifestLoader().load(List.of(file.toString()));
        assertThat(result.problems()).as("problems loading " + file).isEmpty();
        return result.resources();
    }

    private static List<PssCase> pssCases() throws IOException {
        List<PssCase> out = new ArrayList<>();
        for (String level : List.of("baseline", "restricted")) {
            try (Stream<Path> files = Files.walk(CONFORMANCE.resolve(level))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".yaml"))
                        .sorted()
                        .toList()) {
                    String version = f.getParent().getParent().getFileName().toString();
                    for (Resource r : load(f)) {
                        out.add(new PssCase(f, "pss-" + level, version, r.json()));
                    }
                }
            }
        }
        return out;
    }
}
