package dev.vigil.policy;

/**
 * A field of an object that the rules could not read because it has the wrong shape (a list entry that is not an
 * object, a list that is not a list): the field was not checked. Front ends report it as an unreadable input, one
 * line: {@code file:line:col: spec.containers[0]: expected an object, got null (Pod/web); not checked}.
 *
 * @param resource the object
 * @param path the field, e.g. {@code spec.containers[0]}
 * @param message what is wrong, e.g. {@code expected an object, got null}
 */
public record FieldProblem(Resource resource, String path, String message) {
    /** Where the field is. */
    public SourcePosition position() {
        return resource.position(path);
    }

    /** The one-line text without the position: {@code path: message (Kind/name); not checked}. */
    public String text() {
        return path + ": " + message + " (" + resource.displayName() + "); not checked";
    }

    @Override
    public String toString() {
        SourcePosition p = position();
        return (p.line() > 0 ? p + ": " : p.file() + ": ") + text();
    }
}
