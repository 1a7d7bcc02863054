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
        boolean changed = super.merge(frame, interpreter);
        Map<Integer, Obj> other = ((FlowFrame) frame).heap;
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
}
