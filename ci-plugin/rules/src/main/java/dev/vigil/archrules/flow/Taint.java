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
    /** Sinks the parameter-derived part ({@link #params}, {@link #nparams}) was sanitised for. */
    final int psanitized;
    /** Instruction index of the path normalisation this value went through, -1 when none. */
    final int normalizedAt;

    final Trace trace;

    Taint(int kinds, long params, int sanitized, int normalizedAt, Trace trace) {
        this(kinds, params, 0, sanitized, normalizedAt, trace);
    }

    Taint(int kinds, long params, long nparams, int sanitized, int normalizedAt, Trace trace) {
        this(kinds, params, nparams, sanitized, sanitized, normalizedAt, trace);
    }

    Taint(int kinds, long params, long nparams, int sanitized, int psanitized, int normalizedAt, Trace trace) {
        this.kinds = kinds;
        this.params = params;
        this.nparams = nparams;
        this.sanitized = sanitized;
        this.psanitized = psanitized;
        this.normalizedAt = normalizedAt;
        this.trace = trace;
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
        boolean ap = a.params != 0 || a.nparams != 0;
        boolean bp = b.params != 0 || b.nparams != 0;
        int ps = ap && bp ? a.psanitized & b.psanitized : ap ? a.psanitized : b.psanitized;
        return new Taint(a.kinds | b.kinds, a.params | b.params, a.nparams | b.nparams, s, ps, norm, t);
    }

    Taint withTrace(Trace t) {
        return new Taint(kinds, params, nparams, sanitized, psanitized, normalizedAt, t);
    }

    Taint then(Step step) {
        return trace == null ? this : withTrace(trace.then(step));
    }

    Taint sanitizedFor(int mask) {
        return new Taint(kinds, params, nparams, sanitized | mask, psanitized | mask, normalizedAt, trace);
    }

    Taint normalized(int insn) {
        return new Taint(kinds, params, nparams, sanitized, psanitized, insn, trace);
    }

    /** Only the kinds that survive a conversion to a number or a boolean: predictability does, injection does not. */
    Taint numeric() {
        int k = kinds & RANDOM;
        long n = nparams | params;
        return k == 0 && n == 0 ? null : new Taint(k, 0, n, sanitized, psanitized, -1, trace);
    }

    boolean sameAs(Taint o) {
        return kinds == o.kinds
                && params == o.params
                && nparams == o.nparams
                && sanitized == o.sanitized
                && psanitized == o.psanitized
                && normalizedAt == o.normalizedAt;
    }

    /** True when the source-derived part reaches a {@code kind} sink unsanitised. */
    boolean sourceHits(SinkKind kind) {
        return (kinds & kind.kinds) != 0 && (sanitized & kind.bit()) == 0;
    }

    /** True when the parameter-derived part reaches a {@code kind} sink unsanitised. */
    boolean paramHits(SinkKind kind) {
        return (params != 0 || nparams != 0) && (psanitized & kind.bit()) == 0;
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
