package dev.vigil.archrules;

import dev.vigil.archrules.flow.Step;
import java.util.List;

/**
 * One finding of a security rule, as a value: where it is (class, member, line) and what it is.
 *
 * @param ruleId e.g. {@code VIGIL-ARCH-002}
 * @param className fully qualified binary name of the class holding the code, e.g. {@code a.b.Outer$Inner}
 * @param sourceFile the class file's SourceFile attribute (e.g. {@code Outer.java}), or null when compiled without
 * @param member the method, constructor ({@code <init>}) or field name, or the empty string for the class itself
 * @param line 1-based line, 0 when unknown (class-level findings, classes compiled without line numbers)
 * @param detail what was found, stable across line shifts, e.g. {@code MessageDigest.getInstance("MD5")}
 * @param message the full sentence shown to users (without the location)
 * @param path for data-flow findings: source, propagation steps and sink; empty otherwise
 */
public record Violation(
        String ruleId,
        String className,
        String sourceFile,
        String member,
        int line,
        String detail,
        String message,
        List<Step> path) {

    public Violation {
        path = path == null ? List.of() : List.copyOf(path);
    }

    /** A finding without a data-flow path. */
    public Violation(
            String ruleId,
            String className,
            String sourceFile,
            String member,
            int line,
            String detail,
            String message) {
        this(ruleId, className, sourceFile, member, line, detail, message, List.of());
    }

    /** The top-level class's name: nested classes and lambdas live in its source file. */
    public String topLevelClassName() {
        int dollar = className.indexOf('$');
        return dollar < 0 ? className : className.substring(0, dollar);
    }

    /** Path of the source file relative to a source root, e.g. {@code a/b/Outer.java}. */
    public String sourcePath() {
        String top = topLevelClassName();
        int dot = top.lastIndexOf('.');
        String dir = dot < 0 ? "" : top.substring(0, dot).replace('.', '/') + "/";
        String file = sourceFile != null ? sourceFile : top.substring(dot + 1) + ".java";
        return dir + file;
    }

    /** The text ArchUnit prints: message and {@code (File.java:line)}, so IDEs link to the source. */
    public String describe() {
        String file = sourceFile != null ? sourceFile : sourcePath();
        return message + " in (" + file + ":" + line + ")";
    }
}
