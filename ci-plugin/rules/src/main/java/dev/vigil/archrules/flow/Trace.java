package dev.vigil.archrules.flow;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** An immutable path of {@link Step}s, newest last; bounded so that loops cannot grow it without end. */
final class Trace {
    static final int MAX = 24;

    final Trace parent;
    final Step step;
    final int length;

    private Trace(Trace parent, Step step) {
        this.parent = parent;
        this.step = step;
        this.length = parent == null ? 1 : parent.length + 1;
    }

    static Trace of(Step step) {
        return new Trace(null, step);
    }

    /** This path plus {@code next}; the same path when it is full or when {@code next} repeats the last step. */
    Trace then(Step next) {
        if (length >= MAX || step.equals(next)) {
            return this;
        }
        return new Trace(this, next);
    }

    Trace then(Trace tail) {
        List<Step> steps = tail.steps();
        Trace t = this;
        for (Step s : steps) {
            t = t.then(s);
        }
        return t;
    }

    Step first() {
        Trace t = this;
        while (t.parent != null) {
            t = t.parent;
        }
        return t.step;
    }

    List<Step> steps() {
        List<Step> out = new ArrayList<>(length);
        for (Trace t = this; t != null; t = t.parent) {
            out.add(t.step);
        }
        Collections.reverse(out);
        return out;
    }
}
