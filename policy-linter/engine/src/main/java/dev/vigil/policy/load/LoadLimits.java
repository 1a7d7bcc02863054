package dev.vigil.policy.load;

/**
 * Bounds applied to untrusted input so that no file can hang the loader or exhaust memory.
 *
 * @param maxFileBytes largest file or stream read
 * @param maxDepth deepest nesting of mappings and sequences
 * @param maxScalarChars longest single scalar
 * @param maxNodesPerDocument nodes per document, counting those reached through aliases
 */
public record LoadLimits(long maxFileBytes, int maxDepth, int maxScalarChars, int maxNodesPerDocument) {
    /** 32 MiB files, depth 100, 1 MiB scalars, one million nodes. */
    public static final LoadLimits DEFAULT = new LoadLimits(32L << 20, 100, 1 << 20, 1_000_000);
}
