package dev.vigil.vuln.db;

/**
 * An advisory record of the index cache that does not decode when a lookup first needs it (the cache's checksum
 * matched, so the writer or the disk lied). The message is one line naming the advisory file; {@code
 * VulnScanner#scan} reports it as a problem (exit 2).
 */
public final class CorruptIndexException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CorruptIndexException(String message) {
        super(message);
    }
}
