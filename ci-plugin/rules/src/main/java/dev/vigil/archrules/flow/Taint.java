package dev.vigil.archrules.flow;

import java.util.Objects;

/**
 * What a value may carry: data from a source ({@link #REQUEST}: attacker-controlled, {@link #RANDOM}: predictable),
 * data from the analysed method's parameters (for summaries), the sinks it was sanitised for, and where it came from.
 * Equality ignores the trace, so the analysis converges on the lattice while keeping one representative path.
 */
final class Taint {
    static final int REQUEST = 1;
    static final int RANDOM = 2;

    final int kinds;
    final long params;
    /** Parameters this value was computed from through numbers: only their predictability carries over. */
    final long nparams;

    /** Sinks the source-derived part ({@link #kinds}) was sanitised for. */
    final int sanitized;
    /**
     * Per parameter (index i), the sinks the part derived from parameter i was sanitised for; null when every
     * parameter's part was sanitised for nothing. A helper that encodes one parameter and passes another through keeps
     * both facts apart.
     */
    private final int[] psan;
    /** Instruction index of the path normalisation this value went through, -1 when none. */
    final int normalizedAt;

    final Trace trace;

    Taint(int kinds, long params, int sanitized, int normalizedAt, Trace trace) {
        this(kinds, params, 0, sanitized, normalizedAt, trace);
    }

    Taint(int kinds, long params, long nparams, int sanitized, int normalizedAt, Trace trace) {
        this(kinds, params, nparams, sanitized, sanitized, normalizedAt, trace);
    }

    /** A taint whose parameter-derived parts are all sanitised for {@code psanitized}. */
    Taint(int kinds, long params, long nparams, int sanitized, int psanitized, int normalizedAt, Trace trace) {
        this(kinds, params, nparams, sanitized, uniform(params | nparams, psanitized), normalizedAt, trace);
    }

    private Taint(int kinds, long params, long nparams, int sanitized, int[] psan, int normalizedAt, Trace trace) {
        this.kinds = kinds;
        this.params = params;
        this.nparams = nparams;
        this.sanitized = sanitized;
        this.psan = psan;
        this.normalizedAt = normalizedAt;
        this.trace = trace;
    }

    private static int[] uniform(long ps, int mask) {
        if (ps == 0 || mask == 0) {
            return null;
        }
        int[] out = new int[64 - Long.numberOfLeadingZeros(ps)];
        for (int i = 0; i < out.length; i++) {
            if ((ps & (1L << i)) != 0) {
                out[i] = mask;
            }
        }
        return out;
    }

    /** The sinks the part derived from parameter {@code i} was sanitised for. */
    int psanitized(int i) {
        return psan != null && i < psan.length ? psan[i] : 0;
    }

    static Taint source(int kind, Trace trace) {
        return new Taint(kind, 0, 0, -1, trace);
    }

    static Taint param(int index, Trace trace) {
        return new Taint(0, index < 63 ? 1L << index : 0, 0, -1, trace);
    }

    static Taint join(Taint a, Taint b) {
        if (a == null) {
            return b;
        }
        if (b == null || a.sameAs(b)) {
            return a;
        }
        int norm = a.normalizedAt == b.normalizedAt ? a.normalizedAt : -1;
        Trace t = a.trace;
        if (t == null || b.trace != null && (b.kinds & ~a.kinds) != 0) {
            t = b.trace;
        }
        // each part keeps its own sanitisation: a parameter joining a sanitised request value does not undo it
        int s = a.kinds != 0 && b.kinds != 0 ? a.sanitized & b.sanitized : a.kinds != 0 ? a.sanitized : b.sanitized;
        long ap = a.params | a.nparams;
        long bp = b.params | b.nparams;
        long all = ap | bp;
        int[] ps = null;
        for (int i = 0; i < 64 - Long.numberOfLeadingZeros(all); i++) {
            long bit = 1L << i;
            int m;
            if ((ap & bit) != 0 && (bp & bit) != 0) {
                m = a.psanitized(i) & b.psanitized(i);
            } else if ((ap & bit) != 0) {
                m = a.psanitized(i);
            } else if ((bp & bit) != 0) {
                m = b.psanitized(i);
            } else {
                m = 0;
            }
            if (m != 0) {
                if (ps == null) {
                    ps = new int[64 - Long.numberOfLeadingZeros(all)];
                }
                ps[i] = m;
            }
        }
        return new Taint(a.kinds | b.kinds, a.params | b.params, a.nparams | b.nparams, s, ps, norm, t);
    }

    Taint withTrace(Trace t) {
        return new Taint(kinds, params, nparams, sanitized, psan, normalizedAt, t);
    }

    Taint then(Step step) {
        return trace == null ? this : withTrace(trace.then(step));
    }

    /** The same taint, sanitised for {@code mask} in every part. */
    Taint sanitizedFor(int mask) {
        if (mask == 0) {
            return this;
        }
        long ps = params | nparams;
        int[] out = ps == 0 ? null : new int[64 - Long.numberOfLeadingZeros(ps)];
        if (out != null) {
            for (int i = 0; i < out.length; i++) {
                out[i] = psanitized(i) | ((ps & (1L << i)) != 0 ? mask : 0);
            }
        }
        return new Taint(kinds, params, nparams, sanitized | mask, out, normalizedAt, trace);
    }

    /** The same data with every sanitisation undone (a decoder reverting an encoder). */
    Taint unsanitized() {
        return new Taint(kinds, params, nparams, 0, (int[]) null, -1, trace);
    }

    Taint normalized(int insn) {
        return new Taint(kinds, params, nparams, sanitized, psan, insn, trace);
    }

    /** Only the parameter-derived part (for a summary), without normalisation. */
    Taint paramPart() {
        return new Taint(0, params, nparams, 0, psan, -1, trace);
    }

    /** Only the kinds that survive a conversion to a number or a boolean: predictability does, injection does not. */
    Taint numeric() {
        int k = kinds & RANDOM;
        long n = nparams | params;
        return k == 0 && n == 0 ? null : new Taint(k, 0, n, sanitized, psan, -1, trace);
    }

    boolean sameAs(Taint o) {
        return kinds == o.kinds
                && params == o.params
                && nparams == o.nparams
                && sanitized == o.sanitized
                && samePsan(o)
                && normalizedAt == o.normalizedAt;
    }

    private boolean samePsan(Taint o) {
        int n = Math.max(psan == null ? 0 : psan.length, o.psan == null ? 0 : o.psan.length);
        for (int i = 0; i < n; i++) {
            if (psanitized(i) != o.psanitized(i)) {
                return false;
            }
        }
        return true;
    }

    /** True when the source-derived part reaches a {@code kind} sink unsanitised. */
    boolean sourceHits(SinkKind kind) {
        return (kinds & kind.kinds) != 0 && (sanitized & kind.bit()) == 0;
    }

    /** True when the part derived from some parameter reaches a {@code kind} sink unsanitised. */
    boolean paramHits(SinkKind kind) {
        long ps = params | nparams;
        for (int i = 0; ps != 0 && i < 64; i++) {
            if ((ps & (1L << i)) != 0 && (psanitized(i) & kind.bit()) == 0) {
                return true;
            }
        }
        return false;
    }

    static boolean same(Taint a, Taint b) {
        return a == b || a != null && b != null && a.sameAs(b);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Taint t && sameAs(t);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kinds, params, nparams, sanitized, normalizedAt);
    }
}
