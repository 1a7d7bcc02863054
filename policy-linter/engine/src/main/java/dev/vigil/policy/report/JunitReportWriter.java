package dev.vigil.policy.report;

import dev.vigil.policy.Finding;
import dev.vigil.policy.Profiles;
import dev.vigil.policy.Resource;
import dev.vigil.policy.RuleMetadata;
import dev.vigil.policy.load.LoadProblem;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * JUnit XML for CI test tabs (GitLab {@code reports: junit}, GitHub test reporters): one {@code <testsuite>} per
 * profile that holds a rule that ran, one {@code <testcase>} per object and profile (named
 * {@code Kind/namespace/name}, class name the file). A test case fails with the findings of that profile's rules
 * on that object; suppressed findings do not fail it. Inputs that could not be read are test cases with an
 * {@code <error>} in a suite named {@code load}. Rules outside every active profile (enabled one by one, custom)
 * form the suite {@code other-rules}.
 */
public final class JunitReportWriter implements ReportWriter {
    static final String OTHER_RULES = "other-rules";

    @Override
    public void write(LintResult result, Writer out) throws IOException {
        Map<String, List<RuleMetadata>> suites = suites(result);
        Map<Resource, List<Finding>> byObject = new IdentityHashMap<>();
        List<Resource> objects = new ArrayList<>();
        for (Resource r : result.objects()) {
            byObject.put(r, new ArrayList<>());
            objects.add(r);
        }
        for (Finding f : result.findings()) {
            if (!f.suppressed()) {
                byObject.computeIfAbsent(f.resource(), r -> {
                            objects.add(r);
                            return new ArrayList<>();
                        })
                        .add(f);
            }
        }
        StringBuilder body = new StringBuilder();
        int totalTests = 0;
        int totalFailures = 0;
        for (Map.Entry<String, List<RuleMetadata>> suite : suites.entrySet()) {
            Set<String> ruleIds = new LinkedHashSet<>();
            suite.getValue().forEach(m -> ruleIds.add(m.id()));
            StringBuilder cases = new StringBuilder();
            int failures = 0;
            for (Resource r : objects) {
                List<Finding> mine = byObject.get(r).stream()
                        .filter(f -> ruleIds.contains(f.ruleId()))
                        .toList();
                cases.append("    <testcase name=\"")
                        .append(xml(r.displayName()))
                        .append("\" classname=\"")
                        .append(xml(r.file()))
                        .append("\" file=\"")
                        .append(xml(r.file()))
                        .append('"');
                if (mine.isEmpty()) {
                    cases.append("/>\n");
                    continue;
                }
                failures++;
                cases.append(">\n      <failure type=\"")
                        .append(xml(mine.get(0).severity().id()))
                        .append("\" message=\"")
                        .append(xml(failureMessage(mine)))
                        .append("\">");
                for (Finding f : mine) {
                    cases.append(xml(f.position() + ": " + f.severity().id() + " " + f.ruleId() + ": " + f.message()
                                    + " (" + f.path() + ") " + f.remediation()))
                            .append('\n');
                }
                cases.append("</failure>\n    </testcase>\n");
            }
            totalTests += objects.size();
            totalFailures += failures;
            body.append("  <testsuite name=\"")
                    .append(xml(suite.getKey()))
                    .append("\" tests=\"")
                    .append(objects.size())
                    .append("\" failures=\"")
                    .append(failures)
                    .append("\" errors=\"0\" skipped=\"0\">\n")
                    .append(cases)
                    .append("  </testsuite>\n");
        }
        int errors = result.problems().size();
        if (errors > 0) {
            body.append("  <testsuite name=\"load\" tests=\"")
                    .append(errors)
                    .append("\" failures=\"0\" errors=\"")
                    .append(errors)
                    .append("\" skipped=\"0\">\n");
            for (LoadProblem p : result.problems()) {
                body.append("    <testcase name=\"")
                        .append(xml(p.file()))
                        .append("\" classname=\"")
                        .append(xml(p.file()))
                        .append("\" file=\"")
                        .append(xml(p.file()))
                        .append("\">\n      <error type=\"unreadable\" message=\"")
                        .append(xml(p.message()))
                        .append("\">")
                        .append(xml(p.toString()))
                        .append("</error>\n    </testcase>\n");
            }
            body.append("  </testsuite>\n");
        }
        out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.write("<testsuites name=\"vigil lint\" tests=\"" + (totalTests + errors) + "\" failures=\"" + totalFailures
                + "\" errors=\"" + errors + "\">\n");
        out.write(body.toString());
        out.write("</testsuites>\n");
        out.flush();
    }

    private static String failureMessage(List<Finding> findings) {
        Finding first = findings.get(0);
        String head = first.ruleId() + ": " + first.message();
        return findings.size() == 1 ? head : head + " (and " + (findings.size() - 1) + " more)";
    }

    /** Profile name → the rules that ran in it, in {@link Profiles#names()} order; then {@code other-rules}. */
    static Map<String, List<RuleMetadata>> suites(LintResult result) {
        Map<String, List<RuleMetadata>> suites = new LinkedHashMap<>();
        for (String p : Profiles.names()) {
            if (result.profiles().contains(p)) {
                for (RuleMetadata m : result.rules()) {
                    if (m.profiles().contains(p)) {
                        suites.computeIfAbsent(p, k -> new ArrayList<>()).add(m);
                    }
                }
            }
        }
        for (RuleMetadata m : result.rules()) {
            if (m.profiles().stream().noneMatch(result.profiles()::contains)) {
                suites.computeIfAbsent(OTHER_RULES, k -> new ArrayList<>()).add(m);
            }
        }
        return suites;
    }

    static String xml(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                case '\n' -> b.append("&#10;");
                case '\t', '\r' -> b.append(' ');
                default -> {
                    if (c >= 0x20 && c != 0xFFFE && c != 0xFFFF) {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
