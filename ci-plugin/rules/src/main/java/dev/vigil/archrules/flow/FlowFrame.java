package dev.vigil.archrules.flow;

import java.util.HashMap;
import java.util.Map;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.Interpreter;

/** A frame plus the heap of objects allocated in the method, so collections and builders are flow-sensitive. */
final class FlowFrame extends Frame<FlowValue> {
    Map<Integer, Obj> heap;

    FlowFrame(int numLocals, int maxStack) {
        super(numLocals, maxStack);
        heap = Map.of();
    }

    FlowFrame(Frame<? extends FlowValue> frame) {
        super(frame);
        heap = frame instanceof FlowFrame f ? f.heap : Map.of();
    }

    @Override
    public Frame<FlowValue> init(Frame<? extends FlowValue> frame) {
        super.init(frame);
        if (frame instanceof FlowFrame f) {
            heap = f.heap;
        }
        return this;
    }

    @Override
    public void execute(AbstractInsnNode insn, Interpreter<FlowValue> interpreter) throws AnalyzerException {
        FlowInterpreter flow = (FlowInterpreter) interpreter;
        flow.frame = this;
        flow.insn = insn;
        super.execute(insn, interpreter);
    }

    Obj obj(int alloc) {
        Obj o = heap.get(alloc);
        return o == null ? Obj.EMPTY : o;
    }

    void put(int alloc, Obj o) {
        Map<Integer, Obj> h = new HashMap<>(heap);
        h.put(alloc, o);
        heap = h;
    }

    @Override
    public boolean merge(Frame<? extends FlowValue> frame, Interpreter<FlowValue> interpreter)
            throws AnalyzerException {
        // a value whose allocation differs between the two paths loses its allocation in the merge, and with it the
        // contents in the heap: carry those contents' taint on the value itself first (a String built from request
        // data in one branch, null in the other, stays tainted after the branch)
        FlowFrame incoming = (FlowFrame) frame;
        FlowFrame flattened = null;
        boolean pre = false;
        int slots = getLocals() + Math.min(getStackSize(), incoming.getStackSize());
        for (int i = 0; i < slots; i++) {
            boolean local = i < getLocals();
            int j = local ? i : i - getLocals();
            FlowValue a = local ? getLocal(j) : getStack(j);
            FlowValue b = local ? incoming.getLocal(j) : incoming.getStack(j);
            if (a == null || b == null || a.alloc == b.alloc) {
                continue;
            }
            FlowValue a2 = withContents(a, heap);
            if (a2 != a) {
                set(this, local, j, a2);
                pre = true;
            }
            FlowValue b2 = withContents(b, incoming.heap);
            if (b2 != b) {
                if (flattened == null) {
                    flattened = new FlowFrame(incoming);
                }
                set(flattened, local, j, b2);
            }
        }
        boolean changed = super.merge(flattened != null ? flattened : incoming, interpreter) | pre;
        Map<Integer, Obj> other = incoming.heap;
        if (other == heap || other.isEmpty()) {
            return changed;
        }
        Map<Integer, Obj> merged = null;
        for (Map.Entry<Integer, Obj> e : other.entrySet()) {
            Obj mine = heap.get(e.getKey());
            Obj m = Obj.merge(mine, e.getValue());
            if (mine == null || !mine.equals(m)) {
                if (merged == null) {
                    merged = new HashMap<>(heap);
                }
                merged.put(e.getKey(), m);
            }
        }
        if (merged != null) {
            heap = merged;
            return true;
        }
        return changed;
    }

    private static FlowValue withContents(FlowValue v, Map<Integer, Obj> heap) {
        if (v.alloc == FlowValue.NO_ALLOC) {
            return v;
        }
        Obj o = heap.get(v.alloc);
        Taint t = o == null ? null : o.all();
        if (t == null) {
            return v;
        }
        Taint joined = Taint.join(v.taint, t);
        return Taint.same(joined, v.taint) ? v : v.withTaint(joined);
    }

    private static void set(FlowFrame f, boolean local, int j, FlowValue v) {
        if (local) {
            f.setLocal(j, v);
        } else {
            f.setStack(j, v);
        }
    }
}
