package dev.vigil.policy.report;

import dev.vigil.policy.FieldProblem;
import dev.vigil.policy.Finding;
import dev.vigil.policy.PolicyConfig;
import dev.vigil.policy.PolicyEngine;
import dev.vigil.policy.Report;
import dev.vigil.policy.Resource;
import dev.vigil.policy.Rule;
import dev.vigil.policy.RuleMetadata;
import dev.vigil.policy.Severity;
import dev.vigil.policy.SourcePosition;
import dev.vigil.policy.load.LoadProblem;
import dev.vigil.policy.load.LoadResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything a report writer needs about one lint run: what was read, what was found, which rules ran and where
 * the run started (SARIF URIs are relative to it). A value; every front end (CLI, Maven plugin) builds one and
 * hands it to a {@link ReportWriter}.
 *
 * @param toolVersion the Vigil version that produced the result (written into JSON and SARIF)
 * @param baseDirectory the directory file URIs are made relative to (usually the working directory)
 * @param profiles the active profiles, with the profiles they include
 * @param files files (or streams) read
 * @param objects the Kubernetes objects linted, in input order
 * @param skipped documents skipped (empty, or not Kubernetes objects)
 * @param problems inputs that could not be read or parsed
 * @param report the findings, suppressed ones included
 * @param rules the rules that ran, with their effective severity
 * @param notReferenced manifest files under kustomize directories that no kustomization references (not linted)
 */
public record LintResult(
        String toolVersion,
        Path baseDirectory,
        Set<String> profiles,
        int files,
        List<Resource> objects,
        int skipped,
        List<LoadProblem> problems,
        Report report,
        List<RuleMetadata> rules,
        int notReferenced) {
    public LintResult {
        Objects.requireNonNull(toolVersion, "toolVersion");
        baseDirectory = baseDirectory.toAbsolutePath().normalize();
        profiles = Set.copyOf(profiles);
        objects = List.copyOf(objects);
        problems = List.copyOf(problems);
        Objects.requireNonNull(report, "report");
        rules = List.copyOf(rules);
    }

    /** A result without kustomize directories (no file left out by a kustomization). */
    public LintResult(
            String toolVersion,
            Path baseDirectory,
            Set<String> profiles,
            int files,
            List<Resource> objects,
            int skipped,
            List<LoadProblem> problems,
            Report report,
            List<RuleMetadata> rules) {
        this(toolVersion, baseDirectory, profiles, files, objects, skipped, problems, report, rules, 0);
    }

    /**
     * The result of evaluating {@code load} with {@code engine}: the usual way to build one.
     *
     * @param toolVersion the Vigil version
     * @param baseDirectory SARIF URIs are relative to it
     * @param load what the loader read
     * @param engine the engine that ran (its active rules and configuration are reported)
     * @param report what {@code engine} found in {@code load}
     */
    public static LintResult of(
            String toolVersion, Path baseDirectory, LoadResult load, PolicyEngine engine, Report report) {
        return new LintResult(
                toolVersion,
                baseDirectory,
                engine.config().profiles(),
                load.files(),
                load.resources(),
                load.skipped(),
                problems(load, report),
                report,
                effectiveRules(engine.config(), engine.activeRules()),
                load.notReferenced());
    }

    /** What could not be read: the loader's problems, then the fields of the wrong shape the rules met. */
    private static List<LoadProblem> problems(LoadResult load, Report report) {
        if (report.problems().isEmpty()) {
            return load.problems();
        }
        List<LoadProblem> out = new ArrayList<>(load.problems());
        for (FieldProblem p : report.problems()) {
            SourcePosition at = p.position();
            out.add(new LoadProblem(at.file(), at.line(), at.column(), p.text()));
        }
        return out;
    }

    /** The metadata of {@code rules} with the severity {@code config} gives them. */
    public static List<RuleMetadata> effectiveRules(PolicyConfig config, List<? extends Rule> rules) {
        List<RuleMetadata> out = new ArrayList<>(rules.size());
        for (Rule rule : rules) {
            RuleMetadata m = rule.metadata();
            out.add(new RuleMetadata(
                    m.id(),
                    m.title(),
                    config.severityOf(m),
                    m.category(),
                    m.profiles(),
                    m.description(),
                    m.remediation(),
                    m.docs(),
                    m.references(),
                    m.peers()));
        }
        return out;
    }

    /** The findings, suppressed ones included. */
    public List<Finding> findings() {
        return report.findings();
    }

    /** The counts of this result. */
    public Summary summary() {
        return new Summary(
                files,
                objects.size(),
                skipped,
                problems.size(),
                report.count(Severity.ERROR),
                report.count(Severity.WARNING),
                report.count(Severity.INFO),
                report.suppressedCount(),
                notReferenced);
    }

    /**
     * The counts of a lint run, as the JSON {@code summary} object and the text summary line show them.
     *
     * @param files files (or streams) read
     * @param objects objects linted
     * @param skipped documents skipped
     * @param unreadable inputs that could not be read or parsed
     * @param errors unsuppressed findings of severity error
     * @param warnings unsuppressed findings of severity warning
     * @param infos unsuppressed findings of severity info
     * @param suppressed suppressed findings (never counted above)
     * @param notReferenced manifest files under kustomize directories no kustomization references (not linted)
     */
    public record Summary(
            int files,
            int objects,
            int skipped,
            int unreadable,
            long errors,
            long warnings,
            long infos,
            long suppressed,
            int notReferenced) {
        /** Counts of a run without kustomize directories. */
        public Summary(
                int files,
                int objects,
                int skipped,
                int unreadable,
                long errors,
                long warnings,
                long infos,
                long suppressed) {
            this(files, objects, skipped, unreadable, errors, warnings, infos, suppressed, 0);
        }

        /** Unsuppressed findings of every severity. */
        public long findings() {
            return errors + warnings + infos;
        }
    }

    /** The metadata of rule {@code id}, or null when it did not run (a finding of a rule not listed). */
    public RuleMetadata rule(String id) {
        for (RuleMetadata m : rules) {
            if (m.id().equals(id)) {
                return m;
            }
        }
        return null;
    }
}
