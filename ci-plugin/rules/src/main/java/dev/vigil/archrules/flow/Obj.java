package dev.vigil.archrules.flow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The contents of one allocated object in a frame's heap, immutable: taint of contents without a known key, values
 * by constant key (map keys, array indexes, {@code #field} names), and list elements in order while they are known.
 */
final class Obj {
    static final int MAX_ELEMENTS = 16;
    static final String SECURE = "#secure";
    static final Obj EMPTY = new Obj(null, Map.of(), List.of());

    final Taint whole;
    final Map<Object, FlowValue> keyed;
    /** Elements of a list in order; null once an operation made the order unknown. */
    final List<FlowValue> elements;

    Obj(Taint whole, Map<Object, FlowValue> keyed, List<FlowValue> elements) {
        this.whole = whole;
        this.keyed = keyed;
        this.elements = elements;
    }

    Obj withWhole(Taint t) {
        return new Obj(Taint.join(whole, t), keyed, elements);
    }

    Obj put(Object key, FlowValue v) {
        Map<Object, FlowValue> m = new HashMap<>(keyed);
        m.put(key, v);
        return new Obj(whole, m, elements);
    }

    Obj withElements(List<FlowValue> list) {
        if (list != null && list.size() > MAX_ELEMENTS) {
            Taint t = whole;
            for (FlowValue v : list) {
                t = Taint.join(t, v.taint);
            }
            return new Obj(t, keyed, null);
        }
        return new Obj(whole, keyed, list == null ? null : List.copyOf(list));
    }

    /** Everything the object may contain. */
    Taint all() {
        Taint t = whole;
        for (Map.Entry<Object, FlowValue> e : keyed.entrySet()) {
            if (!SECURE.equals(e.getKey())) {
                t = Taint.join(t, e.getValue().taint);
            }
        }
        if (elements != null) {
            for (FlowValue v : elements) {
                t = Taint.join(t, v.taint);
            }
        }
        return t;
    }

    /** A copy whose values carry the taint of the objects they point to in {@code heap}, without allocations. */
    Obj flattened(Map<Integer, Obj> heap) {
        Map<Object, FlowValue> k = new HashMap<>();
        for (Map.Entry<Object, FlowValue> e : keyed.entrySet()) {
            k.put(e.getKey(), flat(e.getValue(), heap));
        }
        List<FlowValue> el = null;
        if (elements != null) {
            el = new ArrayList<>();
            for (FlowValue v : elements) {
                el.add(flat(v, heap));
            }
        }
        return new Obj(whole, k, el);
    }

    private static FlowValue flat(FlowValue v, Map<Integer, Obj> heap) {
        if (v.alloc == FlowValue.NO_ALLOC) {
            return v;
        }
        Obj o = v.alloc == FlowValue.THIS ? null : heap.get(v.alloc);
        Taint t = o == null ? v.taint : Taint.join(v.taint, o.all());
        return v.withTaint(t).withAlloc(FlowValue.NO_ALLOC);
    }

    /** A copy with every taint passed through {@code f} (a callee's object seen from its caller). */
    Obj mapTaints(java.util.function.UnaryOperator<Taint> f) {
        Map<Object, FlowValue> k = new HashMap<>();
        for (Map.Entry<Object, FlowValue> e : keyed.entrySet()) {
            k.put(e.getKey(), e.getValue().withTaint(f.apply(e.getValue().taint)));
        }
        List<FlowValue> el = null;
        if (elements != null) {
            el = new ArrayList<>();
            for (FlowValue v : elements) {
                el.add(v.withTaint(f.apply(v.taint)));
            }
        }
        return new Obj(f.apply(whole), k, el);
    }

    /** The taint under {@code key}, plus whatever was stored under unknown keys. */
    Taint get(Object key) {
        FlowValue v = keyed.get(key);
        return Taint.join(whole, v == null ? null : v.taint);
    }

    static Obj merge(Obj a, Obj b) {
        if (a == null) {
            return b;
        }
        if (b == null || a.equals(b)) {
            return a;
        }
        Map<Object, FlowValue> keyed = new HashMap<>(a.keyed);
        for (Map.Entry<Object, FlowValue> e : b.keyed.entrySet()) {
            FlowValue mine = keyed.get(e.getKey());
            if (mine == null) {
                keyed.put(e.getKey(), e.getValue());
            } else if (e.getKey().equals(SECURE)) {
                keyed.put(SECURE, union(mine, e.getValue()));
            } else {
                keyed.put(e.getKey(), FlowValue.merge(mine, e.getValue()));
            }
        }
        Taint whole = Taint.join(a.whole, b.whole);
        List<FlowValue> elements = null;
        if (a.elements != null && b.elements != null && a.elements.size() == b.elements.size()) {
            elements = new ArrayList<>();
            for (int i = 0; i < a.elements.size(); i++) {
                elements.add(FlowValue.merge(a.elements.get(i), b.elements.get(i)));
            }
        } else {
            for (Obj o : List.of(a, b)) {
                if (o.elements != null) {
                    for (FlowValue v : o.elements) {
                        whole = Taint.join(whole, v.taint);
                    }
                }
            }
        }
        return new Obj(whole, keyed, elements);
    }

    /** Cookie states are sets of letters: U unset, F false, T true, D decided at run time. */
    static FlowValue union(FlowValue a, FlowValue b) {
        String x = String.valueOf(a.constant);
        String y = String.valueOf(b.constant);
        StringBuilder s = new StringBuilder();
        for (char c : "DFTU".toCharArray()) {
            if (x.indexOf(c) >= 0 || y.indexOf(c) >= 0) {
                s.append(c);
            }
        }
        return FlowValue.constant(s.toString());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Obj x
                && Taint.same(whole, x.whole)
                && keyed.equals(x.keyed)
                && Objects.equals(elements, x.elements);
    }

    @Override
    public int hashCode() {
        return keyed.hashCode();
    }
}
