package dev.vigil.policy.custom;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.Source;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.List;
import java.util.Map;

/**
 * One CEL expression compiled in the environment Kubernetes ValidatingAdmissionPolicy gives its expressions:
 * {@code object}, {@code oldObject}, {@code params}, {@code namespaceObject}, {@code request} and
 * {@code variables}, plus Vigil's {@code objects} (every object of the run, for cross-object rules). Standard
 * macros and the strings, lists, math, sets and regex extensions are available. Thread-safe.
 */
public final class CelExpression {
    /** The variables an expression may use. */
    public static final String OBJECT = "object";

    public static final String OLD_OBJECT = "oldObject";
    public static final String OBJECTS = "objects";
    public static final String PARAMS = "params";
    public static final String NAMESPACE_OBJECT = "namespaceObject";
    public static final String REQUEST = "request";
    public static final String VARIABLES = "variables";

    private final String source;
    private final CelRuntime.Program program;

    private CelExpression(String source, CelRuntime.Program program) {
        this.source = source;
        this.program = program;
    }

    /** Compiles a validation: the expression must yield a bool. */
    public static CelExpression predicate(String expression) {
        return compile(expression, SimpleType.BOOL);
    }

    /** Compiles a message expression: the expression must yield a string. */
    public static CelExpression message(String expression) {
        return compile(expression, SimpleType.STRING);
    }

    /** Compiles a variable or other expression of any type. */
    public static CelExpression any(String expression) {
        return compile(expression, SimpleType.DYN);
    }

    /**
     * Compiles {@code expression}.
     *
     * @throws IllegalArgumentException with the compiler's first error, e.g. {@code does not compile: undeclared
     *     reference to 'objct' (at 1:5)}
     */
    private static CelExpression compile(String expression, CelType result) {
        return compile(expression, ENVIRONMENTS.computeIfAbsent(result.name(), n -> environment(result, false)));
    }

    /**
     * Compiles a CustomResourceDefinition validation rule ({@code x-kubernetes-validations}): variables
     * {@code self} and {@code oldSelf}, result bool.
     *
     * @throws IllegalArgumentException when it does not compile here
     */
    static CelExpression crdRule(String expression) {
        return compile(expression, ENVIRONMENTS.computeIfAbsent("crd-rule", n -> environment(SimpleType.BOOL, true)));
    }

    /** Compiles a CRD rule's {@code messageExpression} (variables {@code self}, {@code oldSelf}; a string). */
    static CelExpression crdMessage(String expression) {
        return compile(
                expression, ENVIRONMENTS.computeIfAbsent("crd-message", n -> environment(SimpleType.STRING, true)));
    }

    private static CelExpression compile(String expression, Cel cel) {
        CelValidationResult compiled = cel.compile(expression);
        if (compiled.hasError()) {
            throw new IllegalArgumentException(
                    "does not compile: " + firstError(compiled.getErrors(), compiled.getSource()));
        }
        try {
            CelAbstractSyntaxTree ast = compiled.getAst();
            return new CelExpression(expression, cel.createProgram(ast));
        } catch (CelValidationException e) {
            throw new IllegalArgumentException("does not compile: " + firstError(e.getErrors(), e.getSource()), e);
        } catch (CelEvaluationException e) {
            throw new IllegalArgumentException("does not compile: " + firstError(e.getMessage()), e);
        }
    }

    /**
     * The first of {@code errors}, formatted like {@link #firstError(String)}. Only that one is rendered: CEL's
     * {@code getErrorString()} renders every error with a copy of its source line, so an expression on one line with
     * n bad tokens (n errors, each with the n-token line) cost time and memory quadratic in its length (a 40,000-char
     * expression: a message of 300 million chars and ~1 s of CPU to say the first thing that is wrong).
     */
    private static String firstError(List<CelIssue> errors, Source source) {
        return errors.isEmpty() ? "" : firstError(errors.get(0).toDisplayString(source));
    }

    /** Iterations of all comprehensions ({@code all}, {@code exists}, {@code map}, …) of one evaluation. */
    static final int MAX_ITERATIONS = 1_000_000;

    static final int MAX_REGEX_PROGRAM_SIZE = 10_000;

    private static final Map<String, Cel> ENVIRONMENTS = new java.util.concurrent.ConcurrentHashMap<>();

    /** The variables of CRD validation rules. */
    static final String SELF = "self";

    static final String OLD_SELF = "oldSelf";

    private static Cel environment(CelType result, boolean crdRule) {
        // inputs are untrusted (ValidatingAdmissionPolicy manifests, CRDs): bound every evaluation
        dev.cel.common.CelOptions options = dev.cel.common.CelOptions.current()
                .comprehensionMaxIterations(MAX_ITERATIONS)
                .maxRegexProgramSize(MAX_REGEX_PROGRAM_SIZE)
                .build();
        dev.cel.bundle.CelBuilder builder = CelFactory.standardCelBuilder()
                .setOptions(options)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addCompilerLibraries(
                        CelExtensions.strings(),
                        CelExtensions.lists(),
                        CelExtensions.math(options),
                        CelExtensions.regex(),
                        CelExtensions.sets(options))
                .addRuntimeLibraries(
                        CelExtensions.strings(),
                        CelExtensions.lists(),
                        CelExtensions.math(options),
                        CelExtensions.regex(),
                        CelExtensions.sets(options))
                .setResultType(result);
        if (crdRule) {
            return builder.addVar(SELF, SimpleType.DYN)
                    .addVar(OLD_SELF, SimpleType.DYN)
                    .build();
        }
        return builder.addVar(OBJECT, SimpleType.DYN)
                .addVar(OLD_OBJECT, SimpleType.DYN)
                .addVar(OBJECTS, ListType.create(SimpleType.DYN))
                .addVar(PARAMS, SimpleType.DYN)
                .addVar(NAMESPACE_OBJECT, SimpleType.DYN)
                .addVar(REQUEST, SimpleType.DYN)
                .addVar(VARIABLES, MapType.create(SimpleType.STRING, SimpleType.DYN))
                .build();
    }

    /** {@code ERROR: <input>:1:5: undeclared reference to 'objct'} → {@code undeclared reference to 'objct' (at 1:5)}. */
    static String firstError(String errors) {
        String first =
                errors == null ? "" : errors.lines().findFirst().orElse("").strip();
        first = first.replaceFirst("^ERROR: ", "");
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("^<input>:(\\d+):(\\d+): (.*)$").matcher(first);
        if (m.matches()) {
            return m.group(3).replace(" (in container '')", "") + " (at " + m.group(1) + ":" + m.group(2) + ")";
        }
        return first;
    }

    /** The expression text. */
    public String source() {
        return source;
    }

    /**
     * Evaluates the expression.
     *
     * @param activation values of the variables (missing ones are null)
     * @throws CelEvaluationException when evaluation fails (no such key, wrong type, …)
     */
    public Object eval(Map<String, Object> activation) throws CelEvaluationException {
        return program.eval(activation);
    }
}
