package dev.vigil.metrics.agent.guard.custom;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelBuilder;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.Source;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A compiled CEL condition over one guard event: {@code kind} (a string) and the Falco-style field groups
 * {@link #GROUPS} as {@code map(string, string)} variables, so that {@code proc.cmdline.contains("curl")} reads field
 * {@code proc.cmdline}. Standard macros, {@code matches} (RE2, linear time) and the strings extension are available.
 * Thread-safe.
 *
 * <p>Bounded: a condition has at most {@link #MAX_CHARS} characters (and CEL's parser bounds nesting and nodes), one
 * evaluation at most {@link #MAX_ITERATIONS} comprehension iterations, a regular expression at most
 * {@link #MAX_REGEX_PROGRAM_SIZE} RE2 program size.
 */
final class CelCondition {
    /** The field groups: field {@code proc.cmdline} is key {@code cmdline} of variable {@code proc}. */
    static final List<String> GROUPS =
            List.of("proc", "fd", "jndi", "net", "class", "http", "thread", "java", "script");

    static final String KIND = "kind";
    static final int MAX_CHARS = 4_000;
    static final int MAX_ITERATIONS = 1_000;
    static final int MAX_REGEX_PROGRAM_SIZE = 1_000;

    private static final Cel CEL = environment();
    private static final Pattern CEL_ERROR = Pattern.compile("^<input>:(\\d+):(\\d+): (.*)$");

    private final CelRuntime.Program program;
    private final Set<String> kinds;

    private CelCondition(CelRuntime.Program program, Set<String> kinds) {
        this.program = program;
        this.kinds = kinds;
    }

    /**
     * Compiles {@code source}, which must yield a bool.
     *
     * @throws IllegalArgumentException with a one-line reason, e.g. {@code does not compile: undeclared reference to
     *     'prc' (at 1:1)}
     */
    static CelCondition compile(String source) {
        if (source.length() > MAX_CHARS) {
            throw new IllegalArgumentException(
                    "has " + source.length() + " characters, at most " + MAX_CHARS + " are allowed");
        }
        CelValidationResult compiled = CEL.compile(source);
        if (compiled.hasError()) {
            throw new IllegalArgumentException(
                    "does not compile: " + firstError(compiled.getErrors(), compiled.getSource()));
        }
        try {
            CelAbstractSyntaxTree ast = compiled.getAst();
            return new CelCondition(CEL.createProgram(ast), kindsOf(ast.getExpr()));
        } catch (CelValidationException e) {
            throw new IllegalArgumentException("does not compile: " + firstError(e.getErrors(), e.getSource()), e);
        } catch (CelEvaluationException e) {
            throw new IllegalArgumentException("does not compile: " + firstError(e.getMessage()), e);
        }
    }

    /**
     * The first of {@code errors}, formatted like {@link #firstError(String)}; only that one is rendered (CEL's
     * {@code getErrorString()} copies the source line into every error: quadratic on a line of many bad tokens, as
     * the policy engine's {@code CelExpression} found by fuzzing).
     */
    private static String firstError(List<CelIssue> errors, Source source) {
        return errors.isEmpty() ? "" : firstError(errors.get(0).toDisplayString(source));
    }

    /**
     * The activation of one event: {@code kind} and one map per group (empty when the event has no such field).
     * Fields outside the groups are left out.
     */
    static Map<String, Object> activation(String kind, Map<String, String> fields) {
        Map<String, Object> vars = new HashMap<>(GROUPS.size() * 2 + 2);
        vars.put(KIND, kind == null ? "" : kind);
        Map<String, Map<String, String>> groups = new HashMap<>();
        if (fields != null) {
            for (Map.Entry<String, String> f : fields.entrySet()) {
                String name = f.getKey();
                int dot = name == null ? -1 : name.indexOf('.');
                if (dot > 0 && f.getValue() != null && GROUPS.contains(name.substring(0, dot))) {
                    groups.computeIfAbsent(name.substring(0, dot), g -> new HashMap<>())
                            .put(name.substring(dot + 1), f.getValue());
                }
            }
        }
        for (String g : GROUPS) {
            vars.put(g, groups.getOrDefault(g, Map.of()));
        }
        return vars;
    }

    /**
     * The event kinds for which the condition can be true, when its top level says so ({@code kind == "process" &&
     * …}, {@code kind in ["file", "process"] && …}, {@code … || …} of such); null when it may hold for any kind. CEL's
     * {@code false && error} is false, so an event of another kind can never match: it is not evaluated at all.
     */
    Set<String> kinds() {
        return kinds;
    }

    /** False without evaluating when {@code kind} is not one of {@link #kinds()}. */
    boolean appliesTo(String kind) {
        return kinds == null || (kind != null && kinds.contains(kind));
    }

    private static Set<String> kindsOf(CelExpr e) {
        if (e.getKind() != CelExpr.ExprKind.Kind.CALL) {
            return null;
        }
        CelExpr.CelCall call = e.call();
        List<CelExpr> args = call.args();
        if (call.target().isPresent() || args.size() != 2) {
            return null;
        }
        switch (call.function()) {
            case "_&&_" -> {
                Set<String> a = kindsOf(args.get(0));
                Set<String> b = kindsOf(args.get(1));
                if (a == null || b == null) {
                    return a == null ? b : a;
                }
                Set<String> both = new HashSet<>(a);
                both.retainAll(b);
                return both;
            }
            case "_||_" -> {
                Set<String> a = kindsOf(args.get(0));
                Set<String> b = kindsOf(args.get(1));
                if (a == null || b == null) {
                    return null;
                }
                Set<String> either = new HashSet<>(a);
                either.addAll(b);
                return either;
            }
            case "_==_" -> {
                String v = isKind(args.get(0)) ? string(args.get(1)) : isKind(args.get(1)) ? string(args.get(0)) : null;
                return v == null ? null : Set.of(v);
            }
            case "@in" -> {
                if (!isKind(args.get(0)) || args.get(1).getKind() != CelExpr.ExprKind.Kind.LIST) {
                    return null;
                }
                Set<String> in = new HashSet<>();
                for (CelExpr element : args.get(1).list().elements()) {
                    String v = string(element);
                    if (v == null) {
                        return null;
                    }
                    in.add(v);
                }
                return in;
            }
            default -> {
                return null;
            }
        }
    }

    private static boolean isKind(CelExpr e) {
        return e.getKind() == CelExpr.ExprKind.Kind.IDENT && e.ident().name().equals(KIND);
    }

    private static String string(CelExpr e) {
        return e.getKind() == CelExpr.ExprKind.Kind.CONSTANT && e.constant().getKind() == CelConstant.Kind.STRING_VALUE
                ? e.constant().stringValue()
                : null;
    }

    /** True only when the condition evaluates to true; an evaluation error (missing field, budget) is false. */
    boolean test(Map<String, Object> activation) {
        try {
            return Boolean.TRUE.equals(program.eval(activation));
        } catch (CelEvaluationException | RuntimeException e) {
            return false;
        }
    }

    private static Cel environment() {
        CelOptions options = CelOptions.current()
                .maxExpressionCodePointSize(MAX_CHARS)
                .comprehensionMaxIterations(MAX_ITERATIONS)
                .maxRegexProgramSize(MAX_REGEX_PROGRAM_SIZE)
                .build();
        CelBuilder builder = CelFactory.standardCelBuilder()
                .setOptions(options)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addCompilerLibraries(CelExtensions.strings())
                .addRuntimeLibraries(CelExtensions.strings())
                .setResultType(SimpleType.BOOL)
                .addVar(KIND, SimpleType.STRING);
        for (String g : GROUPS) {
            builder.addVar(g, MapType.create(SimpleType.STRING, SimpleType.STRING));
        }
        return builder.build();
    }

    /** {@code ERROR: <input>:1:5: undeclared reference to 'prc'} → {@code undeclared reference to 'prc' (at 1:5)}. */
    private static String firstError(String errors) {
        String first =
                errors == null ? "" : errors.lines().findFirst().orElse("").strip();
        first = first.replaceFirst("^ERROR: ", "");
        Matcher m = CEL_ERROR.matcher(first);
        if (m.matches()) {
            return m.group(3).replace(" (in container '')", "") + " (at " + m.group(1) + ":" + m.group(2) + ")";
        }
        return Messages.oneLine(first);
    }
}
