package dev.vigil.archrules.flow;

/**
 * One location on a data-flow path: where a value came from, passed through or ended up.
 *
 * @param className binary class name, dotted ({@code a.b.Outer$Inner})
 * @param sourceFile the class's SourceFile attribute, or null
 * @param method the method's name
 * @param line 1-based source line, 0 when unknown
 * @param text what happens here, e.g. {@code request.getParameter("id")}
 */
public record Step(String className, String sourceFile, String method, int line, String text) {
    /** Path of the source file relative to a source root, e.g. {@code a/b/Outer.java}. */
    public String sourcePath() {
        String top = className;
        int dollar = top.indexOf('$');
        if (dollar >= 0) {
            top = top.substring(0, dollar);
        }
        int dot = top.lastIndexOf('.');
        String dir = dot < 0 ? "" : top.substring(0, dot).replace('.', '/') + "/";
        return dir + (sourceFile != null ? sourceFile : top.substring(dot + 1) + ".java");
    }
}
