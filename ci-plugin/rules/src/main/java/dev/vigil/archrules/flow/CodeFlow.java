package dev.vigil.archrules.flow;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaPackage;
import com.tngtech.archunit.core.domain.Source;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

/**
 * Vigil's data-flow engine over bytecode, per class: which request data (or predictable randomness) reaches which
 * sink along which path, plus the values passed to crypto factories and the Secure flag of cookies. Classes imported
 * together share one {@link Program}, so calls into the application's own methods are followed through summaries.
 */
public final class CodeFlow {
    /**
     * One path from a source to a sink.
     *
     * @param kind the sink's weakness
     * @param method the method of the analysed class where the path reaches the sink (or a call leading to it)
     * @param line that line
     * @param sink what receives the data, e.g. {@code Statement.executeQuery}
     * @param source where the data came from, e.g. {@code request.getParameter("id")}
     * @param path source, steps and sink, each with file and line
     */
    public record Finding(SinkKind kind, String method, int line, String sink, String source, List<Step> path) {}

    /** What the engine found in one class. */
    public record Facts(List<Finding> findings, List<Event> events) {}

    private static final Map<JavaClass, Facts> FACTS = Collections.synchronizedMap(new WeakHashMap<>());
    private static final Map<JavaPackage, Program> PROGRAMS = new WeakHashMap<>();
    private static final Facts NONE = new Facts(List.of(), List.of());

    private CodeFlow() {}

    /** The facts of {@code javaClass}, computed once. */
    public static Facts of(JavaClass javaClass) {
        Facts cached = FACTS.get(javaClass);
        if (cached != null) {
            return cached;
        }
        Optional<Source> source = javaClass.getSource();
        if (source.isEmpty()) {
            return NONE;
        }
        String internal = javaClass.getName().replace('.', '/');
        Program program;
        synchronized (PROGRAMS) {
            program = PROGRAMS.computeIfAbsent(root(javaClass.getPackage()), k -> new Program());
        }
        Facts facts;
        synchronized (program) {
            program.addRoot(source.get().getUri(), internal);
            facts = facts(program, internal);
        }
        FACTS.put(javaClass, facts);
        return facts;
    }

    private static JavaPackage root(JavaPackage p) {
        JavaPackage current = p;
        while (current.getParent().isPresent()) {
            current = current.getParent().get();
        }
        return current;
    }

    static Facts facts(Program program, String internal) {
        List<Finding> findings = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        for (MethodAnalysis.Result r : program.classResults(internal)) {
            for (MethodAnalysis.Found f : r.findings()) {
                Hit h = f.hit();
                List<Step> path = h.taint().trace.steps();
                findings.add(new Finding(
                        h.kind(), f.method(), f.line(), h.sink(), path.get(0).text(), path));
            }
            events.addAll(r.events());
        }
        return new Facts(List.copyOf(findings), List.copyOf(events));
    }

    /** Analyses class files given as bytes, without ArchUnit (tests and the command line). */
    public static Map<String, Facts> analyze(List<byte[]> classFiles) {
        Program program = new Program();
        List<String> names = new ArrayList<>();
        for (byte[] b : classFiles) {
            names.add(program.define(b).name);
        }
        Map<String, Facts> out = new java.util.LinkedHashMap<>();
        for (String n : names) {
            out.put(n.replace('/', '.'), facts(program, n));
        }
        return out;
    }
}
