package dev.vigil.archrules.flow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.Frame;

/**
 * One method's analysis: runs ASM's {@link Analyzer} with the {@link FlowInterpreter}, removes branches whose
 * condition is fixed at compile time and runs again (up to {@link #MAX_ROUNDS} times), then turns what reached sinks
 * into findings (data from sources) and a {@link Summary} (data from parameters) for callers.
 */
final class MethodAnalysis {
    static final int MAX_ROUNDS = 4;
    /** Guess of a parameter's value: "whatever the caller passes as parameter i". */
    static final String PARAM_GUESS = "\u0000param:";
    /** Guess of a field read from the receiver: "whatever the caller's object holds in this field". */
    static final String FIELD_GUESS = "\u0000field:";

    final Program program;
    final ClassNode owner;
    final MethodNode method;
    final int depth;
    private final String className;
    private int[] lines;
    private int firstLine;
    private Map<Integer, Integer> paramOfLocal;
    private Set<Integer> requestParams;

    private final Map<Integer, List<Hit>> hits = new HashMap<>();
    private final Map<Integer, Event> events = new HashMap<>();
    private final Set<Integer> checked = new HashSet<>();
    private final Set<Integer> checkedAllocs = new HashSet<>();
    private final Map<Integer, Integer> normalizedFrom = new HashMap<>();
    private final Map<Integer, Taint> contents = new HashMap<>();
    private FlowValue returned;
    /** The returned value without its contents' taint, when every return returns the same allocated object. */
    private FlowValue returnedRaw;

    private Obj returnedObj;
    private boolean returnedMixed;

    /** Heap key under which the cookie state of parameter i is tracked: {@code PARAM_OBJECT - i}. */
    static final int PARAM_OBJECT = -1000;

    private boolean notHtml;

    /** The outcome: findings from sources to sinks, value events, and the summary for callers. */
    record Result(List<Found> findings, List<Event> events, Summary summary) {}

    /** A source-to-sink hit at {@code line} of {@code method} in the analysed class. */
    record Found(Hit hit, String method, int line) {}

    static final Result EMPTY = new Result(List.of(), List.of(), null);

    private final FlowValue[] seeds;

    MethodAnalysis(Program program, ClassNode owner, MethodNode method, int depth, FlowValue[] seeds) {
        this.seeds = seeds;
        this.program = program;
        this.owner = owner;
        this.method = method;
        this.depth = depth;
        this.className = owner.name.replace('/', '.');
    }

    Result run() {
        if ((method.access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0 || method.instructions.size() == 0) {
            return EMPTY;
        }
        prepare();
        try {
            Frame<FlowValue>[] frames = null;
            for (int round = 0; round < MAX_ROUNDS; round++) {
                reset();
                frames = analyzer().analyze(owner.name, method);
                if (round == MAX_ROUNDS - 1 || !prune(frames)) {
                    break;
                }
                lines = lineTable(method.instructions);
            }
            return finish(frames);
        } catch (AnalyzerException | RuntimeException e) {
            return EMPTY;
        }
    }

    private Analyzer<FlowValue> analyzer() {
        return new Analyzer<>(new FlowInterpreter(this)) {
            @Override
            protected Frame<FlowValue> newFrame(int numLocals, int numStack) {
                return new FlowFrame(numLocals, numStack);
            }

            @Override
            protected Frame<FlowValue> newFrame(Frame<? extends FlowValue> frame) {
                return new FlowFrame(frame);
            }
        };
    }

    private void reset() {
        hits.clear();
        events.clear();
        checked.clear();
        checkedAllocs.clear();
        normalizedFrom.clear();
        contents.clear();
        returned = null;
        returnedRaw = null;
        returnedObj = null;
        returnedMixed = false;
        notHtml = false;
    }

    private void prepare() {
        lines = lineTable(method.instructions);
        for (int l : lines) {
            if (l > 0) {
                firstLine = l;
                break;
            }
        }
        paramOfLocal = new HashMap<>();
        boolean instance = isInstance();
        int local = 0;
        int index = 0;
        if (instance) {
            paramOfLocal.put(local++, index++);
        }
        for (Type t : Type.getArgumentTypes(method.desc)) {
            paramOfLocal.put(local, index++);
            local += t.getSize();
        }
        requestParams = requestParameters();
    }

    private static int[] lineTable(InsnList insns) {
        int[] out = new int[insns.size()];
        int line = 0;
        int i = 0;
        for (AbstractInsnNode n = insns.getFirst(); n != null; n = n.getNext()) {
            if (n instanceof LineNumberNode ln) {
                line = ln.line;
            }
            out[i++] = line;
        }
        return out;
    }

    boolean isInstance() {
        return (method.access & Opcodes.ACC_STATIC) == 0;
    }

    /** Parameters (by argument position, receiver excluded) whose values come from the HTTP request. */
    private Set<Integer> requestParameters() {
        Set<Integer> out = new HashSet<>();
        Type[] args = Type.getArgumentTypes(method.desc);
        boolean handler = annotated(method.visibleAnnotations, Models.HANDLER_ANNOTATIONS)
                && annotated(owner.visibleAnnotations, Models.CONTROLLER_ANNOTATIONS);
        for (int i = 0; i < args.length; i++) {
            boolean annotated = parameterAnnotated(method.visibleParameterAnnotations, i)
                    || parameterAnnotated(method.invisibleParameterAnnotations, i);
            boolean plain = handler
                    && args[i].getDescriptor().equals("Ljava/lang/String;")
                    && !anyAnnotation(method.visibleParameterAnnotations, i);
            if (annotated || plain) {
                out.add(i);
            }
        }
        return out;
    }

    private static boolean annotated(List<AnnotationNode> annotations, Set<String> names) {
        if (annotations != null) {
            for (AnnotationNode a : annotations) {
                if (names.contains(a.desc)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean parameterAnnotated(List<AnnotationNode>[] params, int i) {
        return params != null && i < params.length && annotated(params[i], Models.REQUEST_ANNOTATIONS);
    }

    private static boolean anyAnnotation(List<AnnotationNode>[] params, int i) {
        return params != null && i < params.length && params[i] != null && !params[i].isEmpty();
    }

    FlowValue parameterValue(int local, Type type) {
        FlowValue v = FlowValue.of(type);
        Integer index = paramOfLocal.get(local);
        if (index == null) {
            return v;
        }
        String name = localName(local, method.instructions.getFirst());
        Step step = new Step(
                className,
                owner.sourceFile,
                method.name,
                firstLine,
                "parameter " + (name == null ? "#" + index : name));
        Taint t = Taint.param(index, Trace.of(step));
        v = v.withGuess(PARAM_GUESS + index);
        if (seeds != null && index < seeds.length && seeds[index] != null) {
            FlowValue seed = seeds[index];
            v = seed.constant != null ? v.withConstant(seed.constant).withGuess(seed.guess) : v.withGuess(seed.guess);
        }
        if (isInstance() && local == 0) {
            return v.withAlloc(FlowValue.THIS).withTaint(t);
        }
        int argument = isInstance() ? index - 1 : index;
        if (requestParams.contains(argument)) {
            Step source = new Step(
                    className,
                    owner.sourceFile,
                    method.name,
                    firstLine,
                    "request parameter " + (name == null ? "#" + argument : name));
            t = Taint.join(Taint.source(Taint.REQUEST, Trace.of(source)), t);
        }
        if (Models.numeric(v.type)) {
            t = Taint.param(index, Trace.of(step));
            if (requestParams.contains(argument)) {
                return v.withTaint(t);
            }
        }
        return v.withTaint(t);
    }

    int index(AbstractInsnNode insn) {
        return method.instructions.indexOf(insn);
    }

    int line(AbstractInsnNode insn) {
        int i = index(insn);
        return i >= 0 && i < lines.length ? lines[i] : 0;
    }

    int lineAt(int index) {
        return index >= 0 && index < lines.length ? lines[index] : 0;
    }

    Step step(AbstractInsnNode insn, String text) {
        return new Step(className, owner.sourceFile, method.name, line(insn), text);
    }

    String localName(int var, AbstractInsnNode at) {
        if (method.localVariables == null) {
            return null;
        }
        int i = index(at);
        String fallback = null;
        for (LocalVariableNode lv : method.localVariables) {
            if (lv.index == var) {
                int start = index(lv.start);
                int end = index(lv.end);
                if (i >= start - 2 && i <= end) {
                    return lv.name;
                }
                fallback = lv.name;
            }
        }
        return fallback;
    }

    void clearHits(AbstractInsnNode insn) {
        int i = index(insn);
        hits.remove(i);
        events.remove(i);
    }

    void hit(AbstractInsnNode insn, Hit h) {
        hits.computeIfAbsent(index(insn), k -> new ArrayList<>(2)).add(h);
    }

    void event(AbstractInsnNode insn, Event e) {
        events.put(index(insn), e);
    }

    void normalized(int insnIndex, int alloc) {
        if (alloc != FlowValue.NO_ALLOC) {
            normalizedFrom.put(insnIndex, alloc);
        }
    }

    void checked(int normalizedAt) {
        checked.add(normalizedAt);
        Integer alloc = normalizedFrom.get(normalizedAt);
        if (alloc != null) {
            checkedAllocs.add(alloc);
        }
    }

    /** The method declares a response content type that browsers do not render as HTML: no XSS sinks here. */
    void notHtml() {
        notHtml = true;
    }

    void contents(long params, Taint t) {
        if (t == null) {
            return;
        }
        for (int i = 0; i < 63; i++) {
            if ((params & (1L << i)) != 0) {
                contents.merge(i, t, Taint::join);
            }
        }
    }

    void returned(FlowValue raw, FlowValue value, FlowFrame frame) {
        returned = returned == null ? value : FlowValue.merge(returned, value);
        Obj o = raw.alloc != FlowValue.NO_ALLOC && raw.alloc != FlowValue.THIS ? frame.heap.get(raw.alloc) : null;
        if (o == null || returnedMixed || returnedRaw != null && returnedRaw.alloc != raw.alloc) {
            returnedMixed = true;
            return;
        }
        returnedObj = Obj.merge(returnedObj, o.flattened(frame.heap));
        returnedRaw = returnedRaw == null ? raw : FlowValue.merge(returnedRaw, raw);
    }

    /** Replaces jumps and switches whose outcome is fixed by constants; true when anything changed. */
    private boolean prune(Frame<FlowValue>[] frames) {
        InsnList insns = method.instructions;
        AbstractInsnNode[] all = insns.toArray();
        boolean changed = false;
        for (int i = 0; i < all.length; i++) {
            Frame<FlowValue> f = frames[i];
            if (f == null) {
                continue;
            }
            AbstractInsnNode n = all[i];
            int op = n.getOpcode();
            if (n instanceof JumpInsnNode j && op != Opcodes.GOTO && op != Opcodes.JSR) {
                boolean two = op >= Opcodes.IF_ICMPEQ && op <= Opcodes.IF_ACMPNE;
                if (op == Opcodes.IF_ACMPEQ || op == Opcodes.IF_ACMPNE) {
                    continue;
                }
                FlowValue a = f.getStack(f.getStackSize() - (two ? 2 : 1));
                FlowValue b = two ? f.getStack(f.getStackSize() - 1) : null;
                Boolean taken = Constants.jump(op, a, b);
                if (taken != null) {
                    replace(insns, n, two ? 2 : 1, taken ? j.label : null);
                    changed = true;
                }
            } else if (n instanceof TableSwitchInsnNode t) {
                FlowValue key = f.getStack(f.getStackSize() - 1);
                if (key.constant instanceof Integer k) {
                    LabelNode target = k >= t.min && k <= t.max ? t.labels.get(k - t.min) : t.dflt;
                    replace(insns, n, 1, target);
                    changed = true;
                }
            } else if (n instanceof LookupSwitchInsnNode l) {
                FlowValue key = f.getStack(f.getStackSize() - 1);
                if (key.constant instanceof Integer k) {
                    int at = l.keys.indexOf(k);
                    replace(insns, n, 1, at >= 0 ? l.labels.get(at) : l.dflt);
                    changed = true;
                }
            }
        }
        return changed;
    }

    private static void replace(InsnList insns, AbstractInsnNode n, int pops, LabelNode target) {
        for (int p = 0; p < pops; p++) {
            insns.insertBefore(n, new InsnNode(Opcodes.POP));
        }
        if (target != null) {
            insns.insertBefore(n, new JumpInsnNode(Opcodes.GOTO, target));
        }
        insns.remove(n);
    }

    private Result finish(Frame<FlowValue>[] frames) {
        List<Found> findings = new ArrayList<>();
        List<Hit> summaryHits = new ArrayList<>();
        Map<String, Found> unique = new LinkedHashMap<>();
        for (Map.Entry<Integer, List<Hit>> e : hits.entrySet()) {
            if (frames[e.getKey()] == null) {
                continue;
            }
            for (Hit h : e.getValue()) {
                Taint t = h.taint();
                if (h.kind() == SinkKind.XSS && notHtml) {
                    continue;
                }
                if (h.kind() == SinkKind.PATH
                        && (t.normalizedAt >= 0 && checked.contains(t.normalizedAt)
                                || checkedAllocs.contains(h.alloc()))) {
                    continue;
                }
                if (t.sourceHits(h.kind()) && t.trace != null) {
                    Step first = t.trace.first();
                    unique.putIfAbsent(
                            h.kind() + "|" + e.getKey() + "|" + first.text() + "|" + first.line(),
                            new Found(h, method.name, lineAt(e.getKey())));
                }
                if (t.paramHits(h.kind())) {
                    summaryHits.add(new Hit(h.kind(), t.paramPart(), h.sink(), FlowValue.NO_ALLOC));
                }
            }
        }
        findings.addAll(unique.values());
        List<Event> evs = new ArrayList<>();
        for (Map.Entry<Integer, Event> e : new java.util.TreeMap<>(events).entrySet()) {
            if (frames[e.getKey()] != null) {
                evs.add(e.getValue());
            }
        }
        FlowValue ret = returned;
        Obj retObj = null;
        if (!returnedMixed && returnedObj != null && returnedRaw != null) {
            ret = returnedRaw;
            retObj = returnedObj;
        }
        if (ret != null && ret.taint != null) {
            Taint t = ret.taint;
            if (t.normalizedAt >= 0 && checked.contains(t.normalizedAt)) {
                t = t.sanitizedFor(SinkKind.PATH.bit());
            }
            ret = ret.withTaint(t.normalized(-1));
        }
        Map<Object, FlowValue> receiverFields = Map.of();
        if (isInstance()) {
            Obj merged = null;
            AbstractInsnNode[] all = method.instructions.toArray();
            for (int i = 0; i < all.length; i++) {
                int op = all[i].getOpcode();
                if (frames[i] != null && op >= Opcodes.IRETURN && op <= Opcodes.RETURN) {
                    Obj o = ((FlowFrame) frames[i]).heap.get(FlowValue.THIS);
                    merged = merged == null ? o : o == null ? merged : Obj.merge(merged, o);
                }
            }
            if (merged != null) {
                receiverFields = merged.keyed;
            }
        }
        if (ret != null) {
            ret = ret.withAlloc(FlowValue.NO_ALLOC).withLambda(null);
        }
        Summary summary = new Summary(
                ret, List.copyOf(summaryHits), Map.copyOf(contents), receiverFields, retObj, parameterCookies(frames));
        return new Result(List.copyOf(findings), List.copyOf(evs), summary);
    }

    boolean checkedAlloc(int alloc) {
        return checkedAllocs.contains(alloc);
    }

    /** The secure flag each cookie parameter holds at every return (absent when some path leaves it alone). */
    private Map<Integer, FlowValue> parameterCookies(Frame<FlowValue>[] frames) {
        Map<Integer, FlowValue> out = null;
        boolean first = true;
        AbstractInsnNode[] all = method.instructions.toArray();
        for (int i = 0; i < all.length; i++) {
            int op = all[i].getOpcode();
            if (frames[i] == null || op < Opcodes.IRETURN || op > Opcodes.RETURN) {
                continue;
            }
            Map<Integer, FlowValue> here = new java.util.HashMap<>();
            for (Map.Entry<Integer, Obj> e : ((FlowFrame) frames[i]).heap.entrySet()) {
                FlowValue state =
                        e.getKey() <= PARAM_OBJECT ? e.getValue().keyed.get(Obj.SECURE) : null;
                if (state != null) {
                    here.put(PARAM_OBJECT - e.getKey(), state);
                }
            }
            if (first) {
                out = here;
                first = false;
            } else {
                out.keySet().retainAll(here.keySet());
                for (Map.Entry<Integer, FlowValue> e : here.entrySet()) {
                    out.computeIfPresent(e.getKey(), (k, v) -> Obj.union(v, e.getValue()));
                }
            }
        }
        return out == null ? Map.of() : Map.copyOf(out);
    }
}
