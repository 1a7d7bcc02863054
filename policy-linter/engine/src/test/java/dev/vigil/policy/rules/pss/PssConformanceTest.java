package dev.vigil.policy.rules.pss;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.policy.Finding;
import dev.vigil.policy.PolicyConfig;
import dev.vigil.policy.PolicyEngine;
import dev.vigil.policy.PssVersion;
import dev.vigil.policy.Resource;
import dev.vigil.policy.load.LoadResult;
import dev.vigil.policy.load.ManifestLoader;
import dev.vigil.testsupport.Requirements;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays every upstream Pod Security Admission fixture of {@code shared/conformance/pss} (found by walking up from
 * the module directory; nothing is copied into the repository) at every policy version it covers: for each level
 * (baseline, restricted) and each version v1.0 … v1.37 plus {@code latest}, every {@code pass/*.yaml} must yield no
 * finding under profile {@code pss-<level>} at that version, and every {@code fail/*.yaml} at least one, among them
 * one of the check the file is named after. {@code version-ranges.tsv} maps each version to the collapsed directory
 * that holds its fixtures; {@code latest} uses the newest directory (v1.37). The test is skipped, visibly, when the
 * folder is absent.
 *
 * <p>How the README's quirks and other upstream details are handled, on purpose:
 *
 * <ul>
 *   <li>{@code baseline/v1.35+/fail/procmount{0,1}.yaml} ({@code procMount: Unmasked} with {@code hostUsers: true})
 *       are also invalid API objects. The pss profiles judge policy only (no schema rules run), so they are ordinary
 *       fail fixtures, and {@code pss-proc-mount} must be among their findings.
 *   <li>No fixture exercises SELinux type {@code container_engine_t} (allowed from v1.31): {@link
 *       PssVersionedChecksTest} covers it at v1.30 and v1.31.
 *   <li>A restricted fail fixture may violate further checks (e.g. {@code privileged0} cannot also set
 *       {@code allowPrivilegeEscalation: false}): only "denied, and the named check among the findings" is asserted.
 *   <li>At restricted, upstream replaces some baseline checks by restricted ones ({@code OverrideCheckIDs}):
 *       hostPathVolumes by restrictedVolumes (v1.0+), capabilities_baseline by capabilities_restricted (v1.22+),
 *       seccompProfile_baseline by seccompProfile_restricted (v1.19+), procMount by procMount_restricted (v1.35+).
 *       A fail fixture named after the replaced check must then be denied by the replacing one.
 *   <li>{@code pass/restrictedvolumes0.yaml} has a volume with no source ({@code volume0}); the API server defaults
 *       it to emptyDir, and so does {@code pss-restricted-volumes}.
 *   <li>Every directory must hold as many files as {@code version-ranges.tsv} says, and every file must match its
 *       {@code MANIFEST.tsv} checksum, so a partial or edited copy cannot pass silently.
 * </ul>
 */
class PssConformanceTest {
    private static final Pattern CHECK = Pattern.compile("^([a-z_]+?)\\d+\\.yaml$");
    private static final Pattern VERSIONS = Pattern.compile("^1\\.(\\d+)(?:-1\\.(\\d+))?(?:\\(.*\\))?$");

    /** Upstream check id (lower case, as in fixture file names) → Vigil rule id. */
    private static final Map<String, String> RULES = Map.ofEntries(
            Map.entry("hostnamespaces", "pss-host-namespaces"),
            Map.entry("privileged", "pss-privileged"),
            Map.entry("capabilities_baseline", "pss-capabilities-baseline"),
            Map.entry("hostpathvolumes", "pss-host-path-volumes"),
            Map.entry("hostports", "pss-host-ports"),
            Map.entry("apparmorprofile", "pss-apparmor"),
            Map.entry("selinuxoptions", "pss-selinux-options"),
            Map.entry("procmount", "pss-proc-mount"),
            Map.entry("seccompprofile_baseline", "pss-seccomp-baseline"),
            Map.entry("sysctls", "pss-sysctls"),
            Map.entry("windowshostprocess", "pss-windows-host-process"),
            Map.entry("hostprobesandhostlifecycle", "pss-host-probes-lifecycle"),
            Map.entry("restrictedvolumes", "pss-restricted-volumes"),
            Map.entry("allowprivilegeescalation", "pss-allow-privilege-escalation"),
            Map.entry("runasnonroot", "pss-run-as-non-root"),
            Map.entry("runasuser", "pss-run-as-user"),
            Map.entry("seccompprofile_restricted", "pss-seccomp-restricted"),
            Map.entry("capabilities_restricted", "pss-capabilities-restricted"),
            Map.entry("procmount_restricted", "pss-proc-mount-restricted"));

    /** At restricted, the baseline check (key) is replaced from a minor version on by a restricted rule. */
    private record Override(int sinceMinor, String ruleId) {}

    private static final Map<String, Override> OVERRIDES = Map.of(
            "hostpathvolumes", new Override(0, "pss-restricted-volumes"),
            "capabilities_baseline", new Override(22, "pss-capabilities-restricted"),
            "seccompprofile_baseline", new Override(19, "pss-seccomp-restricted"),
            "procmount", new Override(35, "pss-proc-mount-restricted"));

    private static final AtomicInteger PLANNED = new AtomicInteger();
    private static final AtomicInteger PASSED = new AtomicInteger();
    private static final Map<String, AtomicInteger> PASSED_BY_LEVEL = new ConcurrentHashMap<>();
    private static final Map<Path, List<Resource>> LOADED = new ConcurrentHashMap<>();
    private static final Map<String, PolicyEngine> ENGINES = new ConcurrentHashMap<>();

    /** One directory of version-ranges.tsv: a level, the minor versions it covers, and its folder. */
    record Range(String level, int fromMinor, int toMinor, Path dir, int files) {}

    /**
     * {@code conformance/pss} of the shared fixtures folder ({@link Requirements#sharedDir()}); skipped when absent,
     * a failure under {@code -Dvigil.strict=true}.
     */
    static Path requireRoot() {
        Path root = Requirements.sharedDir().resolve("conformance").resolve("pss");
        Requirements.path("pss-fixtures", root.resolve("version-ranges.tsv"), "the upstream PSS conformance fixtures");
        return root;
    }

    static List<Range> ranges(Path root) throws IOException {
        List<Range> out = new ArrayList<>();
        for (String line : Files.readAllLines(root.resolve("version-ranges.tsv"))) {
            String[] cols = line.split("\t");
            if (cols.length < 4 || cols[0].equals("level")) {
                continue;
            }
            Matcher m = VERSIONS.matcher(cols[1].strip());
            if (!m.matches()) {
                throw new IllegalStateException("version-ranges.tsv: cannot read versions '" + cols[1] + "'");
            }
            int from = Integer.parseInt(m.group(1));
            int to = m.group(2) == null ? from : Integer.parseInt(m.group(2));
            out.add(new Range(cols[0], from, to, root.resolve(cols[2]), Integer.parseInt(cols[3].strip())));
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> everyUpstreamFixtureAtEveryVersion() throws IOException {
        Path root = requireRoot();
        List<DynamicTest> tests = new ArrayList<>();
        List<Range> ranges = ranges(root);
        assertThat(ranges)
                .as("ranges in %s", root.resolve("version-ranges.tsv"))
                .isNotEmpty();
        for (Range range : ranges) {
            List<Path> pass = yamlFiles(range.dir().resolve("pass"));
            List<Path> fail = yamlFiles(range.dir().resolve("fail"));
            tests.add(DynamicTest.dynamicTest(
                    range.level() + " " + root.relativize(range.dir()) + " holds " + range.files() + " fixtures",
                    () -> {
                        assertThat(pass).as("pass fixtures").isNotEmpty();
                        assertThat(fail).as("fail fixtures").isNotEmpty();
                        assertThat(pass.size() + fail.size()).isEqualTo(range.files());
                    }));
            List<PssVersion> versions = new ArrayList<>();
            for (int minor = range.fromMinor(); minor <= range.toMinor(); minor++) {
                versions.add(PssVersion.v1(minor));
            }
            if (range.toMinor() == newest(ranges, range.level())) {
                versions.add(PssVersion.LATEST);
            }
            for (PssVersion version : versions) {
                for (Path p : pass) {
                    tests.add(check(range.level(), version, p, true));
                }
                for (Path p : fail) {
                    tests.add(check(range.level(), version, p, false));
                }
            }
        }
        System.out.println("PSS conformance: " + PLANNED.get() + " fixture x version checks planned");
        return tests.stream();
    }

    private static int newest(List<Range> ranges, String level) {
        return ranges.stream()
                .filter(r -> r.level().equals(level))
                .mapToInt(Range::toMinor)
                .max()
                .orElseThrow();
    }

    private static DynamicTest check(String level, PssVersion version, Path fixture, boolean expectPass) {
        PLANNED.incrementAndGet();
        String name = level + " " + version + " " + (expectPass ? "pass/" : "fail/") + fixture.getFileName();
        return DynamicTest.dynamicTest(name, () -> {
            List<Finding> findings = findings(level, version, fixture);
            if (expectPass) {
                assertThat(describe(findings)).as("%s must be allowed", name).isEmpty();
            } else {
                Set<String> accepted = namedRules(level, version, fixture);
                assertThat(findings.stream().map(Finding::ruleId))
                        .as("%s must be denied by one of %s; findings: %s", name, accepted, describe(findings))
                        .anyMatch(accepted::contains);
            }
            PASSED.incrementAndGet();
            PASSED_BY_LEVEL.computeIfAbsent(level, l -> new AtomicInteger()).incrementAndGet();
        });
    }

    /** The rule(s) that must be among the findings of a fail fixture: its check's rule, or the overriding one. */
    static Set<String> namedRules(String level, PssVersion version, Path fixture) {
        Matcher m = CHECK.matcher(fixture.getFileName().toString());
        assertThat(m.matches()).as("fail fixture name %s", fixture).isTrue();
        String check = m.group(1);
        String rule = RULES.get(check);
        assertThat(rule)
                .as("no Vigil rule for upstream check '%s' (%s)", check, fixture)
                .isNotNull();
        Override o = OVERRIDES.get(check);
        if (level.equals("restricted") && o != null && version.atLeast(o.sinceMinor())) {
            return Set.of(o.ruleId());
        }
        return Set.of(rule);
    }

    static List<Finding> findings(String level, PssVersion version, Path fixture) {
        List<Resource> resources = LOADED.computeIfAbsent(fixture, PssConformanceTest::load);
        PolicyEngine engine = ENGINES.computeIfAbsent(
                level + " " + version,
                k -> PolicyEngine.create(PolicyConfig.builder()
                        .profile("pss-" + level)
                        .pssVersion(version)
                        .build()));
        return engine.evaluate(resources).findings().stream()
                .filter(f -> !f.suppressed())
                .toList();
    }

    private static List<Resource> load(Path fixture) {
        LoadResult loaded = new ManifestLoader().load(List.of(fixture.toString()));
        assertThat(loaded.problems()).as("load problems in %s", fixture).isEmpty();
        assertThat(loaded.resources()).as("objects in %s", fixture).hasSize(1);
        return loaded.resources();
    }

    static List<String> describe(List<Finding> findings) {
        return findings.stream()
                .map(f -> f.ruleId() + " at line " + f.position().line() + ": " + f.message())
                .toList();
    }

    static List<Path> yamlFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @Test
    void fixturesAreTheUnmodifiedUpstreamCopy() throws IOException, NoSuchAlgorithmException {
        Path root = requireRoot();
        List<String> mismatches = new ArrayList<>();
        int checked = 0;
        for (String line : Files.readAllLines(root.resolve("MANIFEST.tsv"))) {
            String[] cols = line.split("\t");
            if (cols.length != 2 || cols[0].equals("path")) {
                continue;
            }
            Path file = root.resolve(cols[0]);
            String actual = Files.isRegularFile(file)
                    ? HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)))
                    : "missing";
            if (!actual.equals(cols[1])) {
                mismatches.add(cols[0] + " (" + actual + ")");
            }
            checked++;
        }
        assertThat(checked).as("files listed in MANIFEST.tsv").isPositive();
        assertThat(mismatches).as("fixtures differing from MANIFEST.tsv").isEmpty();
    }

    @AfterAll
    static void printCount() {
        if (PLANNED.get() > 0) {
            System.out.println("PSS conformance: " + PASSED.get() + " of " + PLANNED.get()
                    + " fixture x version checks passed ("
                    + PASSED_BY_LEVEL.entrySet().stream()
                            .sorted(Map.Entry.comparingByKey())
                            .map(e -> e.getKey() + " " + e.getValue().get())
                            .collect(Collectors.joining(", "))
                    + ")");
        }
    }
}
