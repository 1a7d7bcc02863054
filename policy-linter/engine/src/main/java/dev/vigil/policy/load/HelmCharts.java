package dev.vigil.policy.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.policy.Resource;
import dev.vigil.policy.internal.PositionTree;
import dev.vigil.policy.internal.YamlComposer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a Helm chart directory in-process (Helm's own Go library through helm-java, no helm binary) and loads the
 * objects with the positions of the <em>templates</em>: each rendered document names its template in Helm's
 * {@code # Source:} comment, and {@link TemplateLineMap} maps its lines back to the template's lines. A rendering
 * error (template syntax, {@code required}, {@code fail}, a {@code values.schema.json} violation) is one
 * {@link LoadProblem} naming the template file and line when Helm names them.
 */
final class HelmCharts {
    static final String CHART_FILE = "Chart.yaml";

    private static final String HELM_CLASS = "com.marcnuri.helm.Helm";
    private static final String NATIVE_CLASS = "com.marcnuri.helm.jni.linux.amd64.LinuxAmd64NativeLibrary";

    /** Helm's Go library keeps global state; one chart at a time. */
    private static final Object RENDER_LOCK = new Object();

    private static final Pattern SOURCE = Pattern.compile("^# Source: (.+)$");
    private static final Pattern HELM_POSITION =
            Pattern.compile("(?:parse|execution) error at \\(([^:()]+):(\\d+)(?::(\\d+))?\\): (.*)");
    private static final Pattern TEMPLATE_POSITION = Pattern.compile("template: ([^:]+):(\\d+):(\\d+): (.*)");

    private HelmCharts() {}

    static void render(
            Path chart,
            String label,
            HelmOptions options,
            YamlComposer composer,
            LoadLimits limits,
            List<Resource> resources,
            List<LoadProblem> problems) {
        String missing = missingLibrary();
        if (missing != null) {
            problems.add(new LoadProblem(label, 0, 0, missing));
            return;
        }
        for (Path values : options.valuesFiles()) {
            if (!Files.isRegularFile(values)) {
                problems.add(new LoadProblem(values.toString(), 0, 0, "--values: no such file"));
                return;
            }
        }
        Path renderFrom = chart;
        Path copy = null;
        try {
            KubeVersionConstraint.Check check = KubeVersionConstraint.check(chart, options.kubeVersion());
            if (check.problem() != null) {
                problems.add(new LoadProblem(
                        label.endsWith("/") ? label + CHART_FILE : label + "/" + CHART_FILE,
                        check.line(),
                        check.line() > 0 ? 1 : 0,
                        check.problem()));
                return;
            }
            if (check.needsCopy()) { // helm-java cannot set the Kubernetes version: checked above, removed here
                copy = KubeVersionConstraint.copyWithoutConstraint(chart);
                renderFrom = copy;
            }
            String out;
            try {
                out = HelmTemplate.render(renderFrom, options, RENDER_LOCK);
            } catch (RuntimeException e) {
                problems.add(renderProblem(label, e.getMessage()));
                return;
            }
            if (out.length() > limits.maxFileBytes()) {
                problems.add(new LoadProblem(label, 0, 0, "rendered chart is larger than the limit"));
                return;
            }
            load(out, chart, label, composer, resources, problems);
        } catch (IOException e) {
            problems.add(new LoadProblem(label, 0, 0, "cannot read the chart: " + e.getMessage()));
        } finally {
            KubeVersionConstraint.deleteQuietly(copy);
        }
    }

    /** Why charts cannot be rendered here, or null when they can. */
    private static String missingLibrary() {
        ClassLoader loader = HelmCharts.class.getClassLoader();
        try {
            Class.forName(HELM_CLASS, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return "a Helm chart (Chart.yaml), but Helm rendering is not available here (com.marcnuri.helm-java:"
                    + "helm-java is not on the class path); pipe 'helm template' into 'vigil lint -'";
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        boolean linuxAmd64 = os.contains("linux") && (arch.equals("amd64") || arch.equals("x86_64"));
        try {
            if (!linuxAmd64) {
                throw new ClassNotFoundException(NATIVE_CLASS);
            }
            Class.forName(NATIVE_CLASS, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            // helm-java would download a native library at run time: never from a linter
            return "a Helm chart (Chart.yaml), but Helm's native library for this platform (" + os + "/" + arch
                    + ") is not bundled (com.marcnuri.helm-java:linux-amd64); pipe 'helm template' into "
                    + "'vigil lint -'";
        }
        return null;
    }

    /** Helm's error as one line, at the template file and line it names. */
    static LoadProblem renderProblem(String label, String message) {
        String text = message == null ? "helm template failed" : message.strip();
        text = text.replace("Use --debug flag to render out invalid YAML", "").strip();
        if (text.startsWith("values don't meet the specifications of the schema")) {
            // "...chart(s):\nchart:\n- field: what\n- ...": the violations, one line
            List<String> violations = new ArrayList<>();
            for (String line : text.split("\n")) {
                if (line.strip().startsWith("- ")) {
                    violations.add(line.strip().substring(2).strip());
                }
            }
            String base = label.endsWith("/") ? label : label + "/";
            String detail = violations.isEmpty() ? text.replaceAll("\\s+", " ") : String.join("; ", violations);
            return new LoadProblem(
                    base + "values.schema.json", 0, 0, "values do not match the chart's values.schema.json: " + detail);
        }
        String oneLine = text.replaceAll("\\s*\\n\\s*(?:- )?", "; ").replaceAll("\\s+", " ");
        if (oneLine.endsWith(";")) {
            oneLine = oneLine.substring(0, oneLine.length() - 1);
        }
        Matcher m = HELM_POSITION.matcher(oneLine);
        if (!m.find()) {
            m = TEMPLATE_POSITION.matcher(oneLine);
            if (!m.find()) {
                return new LoadProblem(label, 0, 0, "helm template: " + oneLine);
            }
        }
        String file = templateFile(label, m.group(1));
        int line = Integer.parseInt(m.group(2));
        int column = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        return new LoadProblem(file, line, column, "helm template: " + m.group(4));
    }

    /** {@code chart/templates/x.yaml} (Helm's name, which starts with the chart's name) under the chart label. */
    static String templateFile(String label, String source) {
        String inChart = inChart(source);
        return label.endsWith("/") ? label + inChart : label + "/" + inChart;
    }

    private static String inChart(String source) {
        int slash = source.indexOf('/');
        return slash < 0 ? source : source.substring(slash + 1);
    }

    private static void load(
            String out,
            Path chart,
            String label,
            YamlComposer composer,
            List<Resource> resources,
            List<LoadProblem> problems) {
        Map<String, TemplateLineMap> maps = new HashMap<>();
        Map<String, Integer> resume = new HashMap<>();
        for (RenderedDocument doc : split(out)) {
            String file = templateFile(label, doc.source());
            Path template = chart.resolve(inChart(doc.source()));
            TemplateLineMap map = maps.computeIfAbsent(doc.source(), s -> readMap(template));
            TemplateLineMap.Target[] targets = null;
            if (map != null) {
                targets = map.map(doc.lines(), resume.getOrDefault(doc.source(), 0));
                resume.put(doc.source(), TemplateLineMap.endOf(targets));
            }
            TemplateLineMap.Target[] t = targets;
            String text = String.join("\n", doc.lines()) + "\n";
            try {
                composer.compose(text, file, parsed -> {
                    JsonNode root = parsed.root();
                    if (root instanceof ObjectNode object
                            && object.path("apiVersion").isTextual()
                            && object.path("kind").isTextual()) {
                        PositionTree positions = remap(parsed.positions(), t);
                        resources.add(Resource.rendered(object, file, positions, label));
                    }
                });
            } catch (YamlComposer.ComposeException e) {
                TemplateLineMap.Target at = t == null || e.line() <= 0 || e.line() > t.length ? null : t[e.line() - 1];
                problems.add(new LoadProblem(
                        file,
                        at == null ? 0 : at.line(),
                        at == null ? 0 : at.columnFor(e.column()),
                        "rendered template is not valid YAML: " + e.getMessage()));
            }
        }
    }

    private static TemplateLineMap readMap(Path template) {
        try {
            if (!Files.isRegularFile(template) || Files.size(template) > 4 << 20) {
                return null; // a subchart in a .tgz, or not a template anyone writes: file only
            }
            return new TemplateLineMap(Files.readString(template, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return null;
        }
    }

    /** The rendered positions moved to the template's lines; unmapped ones to the file (line 0). */
    private static PositionTree remap(PositionTree positions, TemplateLineMap.Target[] targets) {
        return positions.remap((line, column) -> {
            if (targets == null || line <= 0 || line > targets.length) {
                return PositionTree.Mapped.UNMAPPED;
            }
            TemplateLineMap.Target t = targets[line - 1];
            return switch (t.kind()) {
                case EXACT -> new PositionTree.Mapped(t.line(), t.columnFor(column), PositionTree.EXACT);
                case EXPRESSION -> new PositionTree.Mapped(t.line(), t.column(), PositionTree.EXPRESSION_LINE);
                case UNMAPPED -> PositionTree.Mapped.UNMAPPED;
            };
        });
    }

    /** One document of {@code helm template}'s output: its template and its lines (header lines removed). */
    record RenderedDocument(String source, List<String> lines) {}

    static List<RenderedDocument> split(String out) {
        List<RenderedDocument> docs = new ArrayList<>();
        String source = null;
        List<String> lines = new ArrayList<>();
        for (String line : out.split("\n", -1)) {
            if (line.equals("---")) {
                if (source != null) {
                    docs.add(new RenderedDocument(source, lines));
                }
                source = null;
                lines = new ArrayList<>();
                continue;
            }
            Matcher m = SOURCE.matcher(line);
            if (source == null && lines.isEmpty() && m.matches()) {
                source = m.group(1).strip();
                continue;
            }
            lines.add(line);
        }
        if (source != null) {
            docs.add(new RenderedDocument(source, lines));
        }
        return docs;
    }
}
