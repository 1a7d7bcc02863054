package dev.vigil.vuln.db;

/** The advisory database cannot be used: an unreadable or corrupt file (named in the message), or a missing path. */
public final class DatabaseException extends Exception {
    private static final long serialVersionUID = 1L;

    public DatabaseException(String message) {
        super(message);
    }
}
