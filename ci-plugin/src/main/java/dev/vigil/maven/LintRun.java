package dev.vigil.maven;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.archrules.report.CodeRun;
import dev.vigil.archrules.report.Fingerprints;
import dev.vigil.archrules.report.Issue;
import dev.vigil.policy.Finding;
import dev.vigil.policy.PolicyConfig;
import dev.vigil.policy.PolicyEngine;
import dev.vigil.policy.Report;
import dev.vigil.policy.Resource;
import dev.vigil.policy.RuleMetadata;
import dev.vigil.policy.load.HelmOptions;
import dev.vigil.policy.load.LoadResult;
import dev.vigil.policy.load.ManifestLoader;
import dev.vigil.policy.report.LintResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The manifest lint, without Maven: the engine's loader, engine and (in {@link Reports}) writers. Files are loaded
 * by absolute path so SARIF URIs come out relative to the repository root.
 */
final class LintRun {
    /** Prefix the engine's SARIF writer turns into an external suppression. */
    static final String EXTERNAL = "exempted in configuration: ";

    /**
     * The outcome of linting.
     *
     * @param result for the engine's report writers (baselined findings marked suppressed)
     * @param issues the same findings for console, HTML and baseline
     */
    record Outcome(LintResult result, List<Issue> issues) {}

    private LintRun() {}

    static LintResult lint(String toolVersion, Path root, List<Path> inputs, PolicyConfig config) {
        return lint(toolVersion, root, inputs, config, HelmOptions.DEFAULT);
    }

    /** Lints {@code inputs}; Helm chart directories among them are rendered with {@code helm}. */
    static LintResult lint(String toolVersion, Path root, List<Path> inputs, PolicyConfig config, HelmOptions helm) {
        List<String> paths = new ArrayList<>();
        for (Path p : inputs) {
            paths.add(p.toAbsolutePath().normalize().toString());
        }
        LoadResult load = new ManifestLoader().withHelm(helm).load(paths);
        PolicyEngine engine = PolicyEngine.create(config);
        Report report = engine.evaluate(load.resources());
        return LintResult.of(toolVersion, root, load, engine, report);
    }

    /** The findings of {@code result} as issues, in the same order. */
    static List<Issue> issues(LintResult result, Path root) {
        List<Issue> out = new ArrayList<>();
        for (Finding f : result.findings()) {
            RuleMetadata m = result.rule(f.ruleId());
            String file = relative(root, f.position().file());
            Resource r = f.resource();
            out.add(new Issue(
                    f.ruleId(),
                    m == null ? f.ruleId() : m.title(),
                    f.severity().id(),
                    f.message(),
                    file,
                    f.position().line(),
                    f.position().column(),
                    r.displayName() + (f.path().isEmpty() ? "" : " " + f.path()),
                    Fingerprints.of(
                            f.ruleId(),
                            file,
                            r.apiVersion(),
                            r.kind(),
                            r.namespace(),
                            r.name(),
                            semanticPath(r.json(), f.path())),
                    f.suppression(),
                    m == null ? "" : m.helpUri()));
        }
        return out;
    }

    /**
     * {@code result} with the findings that {@code issues} (same order) newly suppress marked suppressed; everything
     * else (the Pod Security level each object was checked at, unreadable fields, files a kustomization left out)
     * as the engine reported it, so the reports say what the CLI's say for the same input and {@code .vigil.yaml}.
     */
    static LintResult withSuppressions(LintResult result, List<Issue> issues) {
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < result.findings().size(); i++) {
            Finding f = result.findings().get(i);
            Issue issue = issues.get(i);
            findings.add(!f.suppressed() && issue.suppressed() ? f.suppress(EXTERNAL + issue.suppression()) : f);
        }
        return new LintResult(
                result.toolVersion(),
                result.baseDirectory(),
                result.profiles(),
                result.files(),
                result.objects(),
                result.skipped(),
                result.problems(),
                new Report(
                        findings, result.report().pssChecks(), result.report().problems()),
                result.rules(),
                result.notReferenced());
    }

    /**
     * {@code path} with list indexes replaced by the item's {@code name} where it has one:
     * {@code spec.containers[1].image} → {@code spec.containers[name=app].image}, so that adding or reordering
     * containers does not change the fingerprints of the others.
     */
    static String semanticPath(JsonNode json, String path) {
        StringBuilder out = new StringBuilder(path.length() + 16);
        JsonNode node = json;
        int i = 0;
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c == '[') {
                int end = path.indexOf(']', i);
                if (end < 0) {
                    out.append(path, i, path.length());
                    break;
                }
                String index = path.substring(i + 1, end);
                JsonNode item = node == null
                        ? null
                        : index.chars().allMatch(Character::isDigit) ? node.get(Integer.parseInt(index)) : null;
                String name = item == null ? "" : item.path("name").asText("");
                out.append('[').append(name.isEmpty() ? index : "name=" + name).append(']');
                node = item;
                i = end + 1;
            } else if (c == '.') {
                out.append(c);
                i++;
            } else {
                int end = i;
                while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
                    end++;
                }
                String field = path.substring(i, end);
                out.append(field);
                node = node == null ? null : node.get(field);
                i = end;
            }
        }
        return out.toString();
    }

    static String relative(Path root, String file) {
        return CodeRun.relative(root, file);
    }
}
