package dev.vigil.archrules.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.MethodInsnNode;

/** One method invocation: constant folding, sinks, sources, sanitisers, collections, summaries, default propagation. */
final class Calls {
    private static final Set<String> CRYPTO_FACTORIES = Set.of(
            "java/security/MessageDigest",
            "javax/crypto/Cipher",
            "javax/crypto/KeyGenerator",
            "javax/crypto/SecretKeyFactory",
            "javax/crypto/Mac");

    private final FlowInterpreter in;
    private final MethodAnalysis ctx;
    private final MethodInsnNode m;
    private final String owner;
    private final String name;
    private final Type ret;
    private List<FlowValue> all;
    private FlowValue recv;
    private List<FlowValue> args;

    Calls(FlowInterpreter in, MethodAnalysis ctx, MethodInsnNode m) {
        this.in = in;
        this.ctx = ctx;
        this.m = m;
        this.owner = m.owner;
        this.name = m.name;
        this.ret = Type.getReturnType(m.desc);
    }

    FlowValue invoke(List<FlowValue> values) {
        all = values;
        boolean hasRecv = m.getOpcode() != Opcodes.INVOKESTATIC;
        recv = hasRecv ? values.get(0) : null;
        args = hasRecv ? values.subList(1, values.size()) : values;
        FlowValue result = FlowValue.of(ret);
        if (result != null) {
            Object c = Constants.eval(owner, name, m.desc, recv, args);
            if (c != null) {
                return result.withConstant(c);
            }
        }
        sinks();
        events();
        FlowValue modeled = model(result);
        if (modeled != null) {
            return modeled == NONE ? null : modeled;
        }
        FlowValue summarized = summarized(result);
        if (summarized != null) {
            return summarized == NONE ? null : summarized;
        }
        return propagate(result);
    }

    /** Stands for "handled, and the method returns nothing". */
    private static final FlowValue NONE = new FlowValue(1, "V", false, null, null, null, FlowValue.NO_ALLOC, 0, null);

    private FlowValue done(FlowValue v) {
        return v == null ? NONE : v;
    }

    private Taint effective(FlowValue v) {
        return in.effective(v);
    }

    private Taint allTaint(List<FlowValue> values) {
        Taint t = null;
        for (FlowValue v : values) {
            t = Taint.join(t, effective(v));
        }
        return t;
    }

    private FlowValue typed(FlowValue result, Taint t) {
        if (result == null) {
            return null;
        }
        if (t != null && Models.numeric(result.type)) {
            t = t.numeric();
        }
        return t == null ? result : result.withTaint(t);
    }

    private FlowValue propagate(FlowValue result) {
        if (recv != null && recv.alloc != FlowValue.NO_ALLOC && name.equals("<init>")) {
            Taint t = allTaint(args);
            if (t != null) {
                in.frame.put(recv.alloc, in.frame.obj(recv.alloc).withWhole(t));
            }
            return NONE;
        }
        Taint t = recv == null ? null : effective(recv);
        if (t != null && name.startsWith("read") && Models.readsInto(owner)) {
            // in.read(buffer), reader.read(chars): the stream's data lands in the array passed in
            for (FlowValue a : args) {
                if (a.alloc != FlowValue.NO_ALLOC
                        && a.alloc != FlowValue.THIS
                        && a.type != null
                        && a.type.startsWith("[")) {
                    in.frame.put(a.alloc, in.frame.obj(a.alloc).withWhole(t));
                }
            }
        }
        if (result != null && (Models.dataLike(result.type) || Models.numeric(result.type))) {
            t = Taint.join(t, allTaint(args));
        }
        return done(typed(result, t));
    }

    // ---------------------------------------------------------------- sinks and events

    private void sinks() {
        if (recv != null
                && (recv.marks & FlowValue.RESPONSE_OUT) != 0
                && Models.RESPONSE_WRITE_METHODS.contains(name)) {
            for (FlowValue a : args) {
                hit(SinkKind.XSS, a, "response writer." + name);
            }
        }
        List<Models.Sink> sinks = Models.sinks(owner, name);
        if (sinks.isEmpty()) {
            if (recv != null && Models.randomDraw(name) && (Models.PREDICTABLE_TYPES.contains(owner))) {
                hit(SinkKind.RANDOM_USE, recv, FlowInterpreter.simple(owner) + "." + name);
            }
            return;
        }
        Type[] params = Type.getArgumentTypes(m.desc);
        String text = FlowInterpreter.simple(owner) + "." + (name.equals("<init>") ? "<init>" : name);
        if (name.equals("<init>")) {
            text = "new " + FlowInterpreter.simple(owner);
        }
        for (Models.Sink s : sinks) {
            if (contains(s.args(), Models.RECEIVER)) {
                if (recv != null) {
                    hit(s.kind(), recv, text);
                }
                continue;
            }
            for (int i = 0; i < args.size(); i++) {
                if (s.args().length > 0 && !contains(s.args(), i)) {
                    continue;
                }
                if (s.stringOnly() && !stringish(params[i])) {
                    continue;
                }
                hit(s.kind(), args.get(i), text);
            }
        }
    }

    private static boolean contains(int[] xs, int x) {
        for (int i : xs) {
            if (i == x) {
                return true;
            }
        }
        return false;
    }

    private static boolean stringish(Type t) {
        String d = t.getDescriptor();
        return d.equals("Ljava/lang/String;")
                || d.equals("[Ljava/lang/String;")
                || d.equals("Ljava/lang/CharSequence;")
                || d.equals("Ljava/lang/Object;")
                || d.equals("Ljava/util/List;");
    }

    private void hit(SinkKind kind, FlowValue v, String sink) {
        Taint t = effective(v);
        if (t == null || !t.sourceHits(kind) && !t.paramHits(kind)) {
            return;
        }
        Step at = ctx.step(m, sink);
        Trace trace = t.trace == null ? Trace.of(at) : t.trace.then(at);
        ctx.hit(m, new Hit(kind, t.withTrace(trace), sink, v.alloc));
    }

    private void events() {
        if (name.equals("getInstance") && CRYPTO_FACTORIES.contains(owner) && !args.isEmpty()) {
            ctx.event(m, new Event("crypto", owner, name, args.get(0).guess, ctx.line(m), ctx.method.name));
        }
        if (name.equals("addCookie") && Models.RESPONSE_TYPES.contains(owner) && args.size() == 1) {
            cookieEscapes(args.get(0));
        }
    }

    void cookieEscapes(FlowValue cookie) {
        if (cookie.alloc == FlowValue.NO_ALLOC || cookie.alloc == FlowValue.THIS) {
            return;
        }
        FlowValue state = in.frame.obj(cookie.alloc).keyed.get(Obj.SECURE);
        if (state != null && state.constant instanceof String s && (s.contains("U") || s.contains("F"))) {
            ctx.event(m, new Event("cookie", owner, name, s, ctx.lineAt(cookie.alloc), ctx.method.name));
        }
    }

    // ---------------------------------------------------------------- library models

    private FlowValue model(FlowValue result) {
        if (Models.REQUEST_TYPES.contains(owner) && Models.REQUEST_SOURCES.contains(name)) {
            String arg = args.isEmpty() ? "" : args.get(0).constant instanceof String s ? "\"" + s + "\"" : "..";
            Step step = ctx.step(m, "request." + name + "(" + arg + ")");
            return done(result.withTaint(Taint.source(Taint.REQUEST, Trace.of(step))));
        }
        if (Models.RESPONSE_TYPES.contains(owner) && contentType()) {
            ctx.notHtml();
        }
        if (Models.RESPONSE_TYPES.contains(owner) && (name.equals("getWriter") || name.equals("getOutputStream"))) {
            return done(result.withMarks(FlowValue.RESPONSE_OUT));
        }
        if (recv != null
                && (recv.marks & FlowValue.RESPONSE_OUT) != 0
                && result != null
                && !Models.numeric(result.type)
                && ret.getSort() == Type.OBJECT) {
            return recv;
        }
        if (Models.COOKIE_TYPES.contains(owner)) {
            FlowValue c = cookie();
            if (c != null) {
                return c;
            }
        }
        FlowValue random = random(result);
        if (random != null) {
            return random;
        }
        if (Models.desanitizes(owner, name)) {
            // decoding undoes an earlier encoding: decodeForHTML(encodeForHTML(x)) is x again
            Taint t = allTaint(all);
            return done(typed(result, t == null ? null : t.unsanitized()));
        }
        int mask = Models.sanitizer(owner, name);
        if (mask != 0) {
            Taint t = allTaint(all);
            return done(typed(result, t == null ? null : t.sanitizedFor(mask)));
        }
        if (Models.normalizes(owner, name)) {
            FlowValue source = recv != null ? recv : args.isEmpty() ? null : args.get(0);
            Taint t = allTaint(all);
            if (t != null && source != null) {
                ctx.normalized(ctx.index(m), source.alloc);
                return done(result.withTaint(t.normalized(ctx.index(m))));
            }
            return done(result);
        }
        if (name.equals("startsWith")
                && recv != null
                && recv.taint != null
                && recv.taint.normalizedAt >= 0
                && (owner.equals("java/lang/String") || owner.equals("java/nio/file/Path"))) {
            ctx.checked(recv.taint.normalizedAt);
            return done(result);
        }
        if (name.equals("getResourceAsStream")
                && (owner.equals("java/lang/ClassLoader") || owner.equals("java/lang/Class"))
                && args.size() == 1
                && args.get(0).constant instanceof String resource) {
            String path = resource;
            if (owner.equals("java/lang/Class") && !resource.startsWith("/")) {
                // relative to the package of the class it is called on, taken to be the analysed class
                int slash = ctx.owner.name.lastIndexOf('/');
                path = slash < 0 ? resource : ctx.owner.name.substring(0, slash + 1) + resource;
            }
            return done(result.withGuess(RESOURCE + path));
        }
        if (owner.equals("java/util/Properties")) {
            FlowValue props = properties(result);
            if (props != null) {
                return props;
            }
        }
        if (recv != null && recv.alloc != FlowValue.NO_ALLOC && recv.alloc != FlowValue.THIS) {
            if (Models.BUILDER_TYPES.contains(owner)) {
                return builder(result);
            }
            if (Models.MAP_TYPES.contains(owner)) {
                return map(result);
            }
            if (Models.LIST_TYPES.contains(owner)) {
                return list(result);
            }
            if (Models.COLLECTION_TYPES.contains(owner)
                    && (name.equals("add")
                            || name.equals("<init>")
                            || name.equals("addAll")
                            || name.equals("push")
                            || name.equals("offer"))) {
                store(allTaint(args));
                return done(typed(result, null));
            }
        } else if (recv != null
                && Models.MAP_TYPES.contains(owner)
                && (name.equals("get") || name.equals("getOrDefault"))) {
            // a lookup returns what the map holds, whatever the key: request data as a key selects, it does not flow
            Taint t = recv.taint;
            if (name.equals("getOrDefault")) {
                t = Taint.join(t, effective(args.get(1)));
            }
            return done(typed(result, t));
        } else if (recv != null && recv.taint != null && recv.taint.params != 0 && mutator()) {
            ctx.contents(recv.taint.params, allTaint(args));
        }
        return null;
    }

    /** {@code setContentType("application/json")} and the like: a response that is not HTML. */
    private boolean contentType() {
        Object type = null;
        if (name.equals("setContentType") && args.size() == 1) {
            type = args.get(0).constant;
        } else if ((name.equals("setHeader") || name.equals("addHeader"))
                && args.size() == 2
                && "content-type".equals(String.valueOf(args.get(0).constant).toLowerCase(java.util.Locale.ROOT))) {
            type = args.get(1).constant;
        }
        if (!(type instanceof String t)) {
            return false;
        }
        String lower = t.toLowerCase(java.util.Locale.ROOT);
        return !lower.contains("html") && !lower.contains("xml") && !lower.contains("svg");
    }

    private boolean mutator() {
        return (Models.MAP_TYPES.contains(owner)
                        || Models.LIST_TYPES.contains(owner)
                        || Models.COLLECTION_TYPES.contains(owner)
                        || Models.BUILDER_TYPES.contains(owner))
                && (name.equals("put")
                        || name.equals("add")
                        || name.equals("append")
                        || name.equals("set")
                        || name.equals("insert")
                        || name.equals("addAll")
                        || name.equals("putAll"));
    }

    private void store(Taint t) {
        if (t != null) {
            in.frame.put(recv.alloc, in.frame.obj(recv.alloc).withWhole(t));
        }
    }

    private FlowValue cookie() {
        if (recv != null
                && recv.alloc == FlowValue.NO_ALLOC
                && name.equals("setSecure")
                && args.size() == 1
                && recv.taint != null
                && recv.taint.kinds == 0
                && Long.bitCount(recv.taint.params) == 1) {
            // a cookie passed in: its flag is tracked for the caller (Summary.parameterCookies)
            int key = MethodAnalysis.PARAM_OBJECT - Long.numberOfTrailingZeros(recv.taint.params);
            in.frame.put(key, in.frame.obj(key).put(Obj.SECURE, FlowValue.constant(secureState(args.get(0)))));
            return NONE;
        }
        if (recv == null || recv.alloc == FlowValue.NO_ALLOC || recv.alloc == FlowValue.THIS) {
            return null;
        }
        if (name.equals("<init>")) {
            Obj o = in.frame
                    .obj(recv.alloc)
                    .put(Obj.SECURE, FlowValue.constant("U"))
                    .withWhole(allTaint(args));
            in.frame.put(recv.alloc, o);
            return NONE;
        }
        if (name.equals("setSecure") && args.size() == 1) {
            String state = secureState(args.get(0));
            in.frame.put(recv.alloc, in.frame.obj(recv.alloc).put(Obj.SECURE, FlowValue.constant(state)));
            return NONE;
        }
        if (name.equals("setValue")) {
            store(allTaint(args));
            return NONE;
        }
        return null;
    }

    private static String secureState(FlowValue flag) {
        Object c = flag.constant;
        return c instanceof Integer i ? (i != 0 ? "T" : "F") : "D";
    }

    private FlowValue random(FlowValue result) {
        boolean source = owner.equals("java/util/concurrent/ThreadLocalRandom") && name.equals("current")
                || (owner.equals("java/lang/Math") || owner.equals("java/lang/StrictMath")) && name.equals("random")
                || (owner.equals("org/apache/commons/lang3/RandomStringUtils")
                                || owner.equals("org/apache/commons/lang3/RandomUtils")
                                || owner.equals("org/apache/commons/lang/RandomStringUtils"))
                        && m.getOpcode() == Opcodes.INVOKESTATIC
                        && (name.startsWith("random") || name.startsWith("next"));
        if (source) {
            String text = FlowInterpreter.simple(owner) + "." + name + "()";
            Taint t = Taint.source(Taint.RANDOM, Trace.of(ctx.step(m, text)));
            if (owner.equals("java/lang/Math") || owner.equals("java/lang/StrictMath")) {
                String sink = FlowInterpreter.simple(owner) + "." + name;
                ctx.hit(
                        m,
                        new Hit(
                                SinkKind.RANDOM_USE,
                                t.withTrace(t.trace.then(ctx.step(m, sink))),
                                sink,
                                FlowValue.NO_ALLOC));
            }
            return done(result.withTaint(t));
        }
        if (recv != null && Models.randomDraw(name) && Models.PREDICTABLE_TYPES.contains(owner)) {
            Taint t = effective(recv);
            if (name.equals("nextBytes") && args.size() == 1 && args.get(0).alloc != FlowValue.NO_ALLOC && t != null) {
                FlowValue arr = args.get(0);
                in.frame.put(arr.alloc, in.frame.obj(arr.alloc).withWhole(t));
            }
            return done(typed(result, t));
        }
        return null;
    }

    private FlowValue builder(FlowValue result) {
        switch (name) {
            case "<init>" -> {
                Type[] p = Type.getArgumentTypes(m.desc);
                if (p.length == 1 && p[0].getSort() != Type.INT) {
                    store(allTaint(args));
                }
                return NONE;
            }
            case "append", "insert", "replace" -> {
                store(allTaint(args));
                return recv;
            }
            case "setLength" -> {
                if (!args.isEmpty() && Integer.valueOf(0).equals(args.get(0).constant)) {
                    in.frame.put(recv.alloc, Obj.EMPTY);
                }
                return NONE;
            }
            default -> {
                return null;
            }
        }
    }

    private FlowValue map(FlowValue result) {
        Obj o = in.frame.obj(recv.alloc);
        switch (name) {
            case "<init>" -> {
                store(allTaint(args));
                return NONE;
            }
            case "put", "putIfAbsent" -> {
                FlowValue key = args.get(0);
                FlowValue value = args.get(1);
                Object k = key.constant;
                Taint previous = k != null ? o.get(k) : o.all();
                if (k != null && !name.equals("putIfAbsent")) {
                    if (key.taint != null) {
                        // a constant key that is also data (a helper's parameter analysed with the caller's constant)
                        store(effective(key));
                    }
                    in.frame.put(recv.alloc, in.frame.obj(recv.alloc).put(k, stored(value)));
                } else {
                    store(Taint.join(effective(key), effective(value)));
                    if (k != null) {
                        in.frame.put(recv.alloc, in.frame.obj(recv.alloc).put(k, stored(value)));
                    }
                }
                return done(typed(result, previous));
            }
            case "get", "getOrDefault", "remove" -> {
                Object k = args.get(0).constant;
                Taint t;
                if (k != null) {
                    FlowValue stored = o.keyed.get(k);
                    if (stored != null && o.whole == null && !name.equals("getOrDefault")) {
                        return done(stored.withType(result.type, false));
                    }
                    t = o.get(k);
                } else {
                    t = o.all();
                }
                if (name.equals("getOrDefault")) {
                    t = Taint.join(t, effective(args.get(1)));
                }
                return done(typed(result, t));
            }
            case "putAll" -> {
                store(allTaint(args));
                return NONE;
            }
            case "clear" -> {
                in.frame.put(recv.alloc, Obj.EMPTY);
                return NONE;
            }
            default -> {
                return null;
            }
        }
    }

    /** A value as a collection keeps it: contents of allocated objects become its taint. */
    private FlowValue stored(FlowValue v) {
        Taint t = effective(v);
        return new FlowValue(v.size, v.type, false, v.constant, v.guess, t, FlowValue.NO_ALLOC, v.marks, v.lambda);
    }

    private FlowValue list(FlowValue result) {
        Obj o = in.frame.obj(recv.alloc);
        String d = m.desc;
        switch (name) {
            case "<init>" -> {
                if (d.equals("()V") || d.equals("(I)V")) {
                    in.frame.put(recv.alloc, new Obj(null, Map.of(), List.of()));
                } else {
                    in.frame.put(recv.alloc, o.withElements(null).withWhole(allTaint(args)));
                }
                return NONE;
            }
            case "add", "addElement", "push" -> {
                if (args.size() == 1) {
                    if (o.elements != null) {
                        List<FlowValue> l = new ArrayList<>(o.elements);
                        l.add(stored(args.get(0)));
                        in.frame.put(recv.alloc, o.withElements(l));
                    } else {
                        store(effective(args.get(0)));
                    }
                    return done(typed(result, null));
                }
                Object i = args.get(0).constant;
                if (i instanceof Integer at && o.elements != null && at >= 0 && at <= o.elements.size()) {
                    List<FlowValue> l = new ArrayList<>(o.elements);
                    l.add(at, stored(args.get(1)));
                    in.frame.put(recv.alloc, o.withElements(l));
                } else {
                    in.frame.put(recv.alloc, o.withElements(null).withWhole(effective(args.get(1))));
                }
                return NONE;
            }
            case "get", "remove", "set" -> {
                boolean byIndex = d.startsWith("(I)") || d.startsWith("(ILjava/lang/Object;)");
                if (!byIndex) {
                    if (name.equals("remove") && o.elements != null) {
                        in.frame.put(recv.alloc, o.withElements(null).withWhole(o.all()));
                    }
                    return done(typed(result, null));
                }
                Object i = args.get(0).constant;
                if (i instanceof Integer at && o.elements != null && at >= 0 && at < o.elements.size()) {
                    FlowValue element = o.elements.get(at);
                    if (!name.equals("get")) {
                        List<FlowValue> l = new ArrayList<>(o.elements);
                        if (name.equals("remove")) {
                            l.remove((int) at);
                        } else {
                            l.set(at, stored(args.get(1)));
                        }
                        in.frame.put(recv.alloc, o.withElements(l));
                    }
                    Taint t = Taint.join(o.whole, element.taint);
                    return done(o.whole == null ? element.withType(result.type, false) : typed(result, t));
                }
                if (name.equals("set")) {
                    in.frame.put(
                            recv.alloc, o.withElements(null).withWhole(Taint.join(o.all(), effective(args.get(1)))));
                } else if (name.equals("remove")) {
                    in.frame.put(recv.alloc, o.withElements(null).withWhole(o.all()));
                }
                return done(typed(result, o.all()));
            }
            case "addAll" -> {
                in.frame.put(recv.alloc, o.withElements(null).withWhole(Taint.join(o.all(), allTaint(args))));
                return done(typed(result, null));
            }
            case "clear" -> {
                in.frame.put(recv.alloc, new Obj(null, Map.of(), List.of()));
                return NONE;
            }
            default -> {
                return null;
            }
        }
    }

    // ---------------------------------------------------------------- the application's own methods

    private FlowValue summarized(FlowValue result) {
        List<FlowValue> callArgs = all;
        Program.Resolved target = null;
        if (recv != null && recv.lambda != null && name.equals(recv.lambda.sam())) {
            Handle h = recv.lambda.impl();
            List<FlowValue> combined = new ArrayList<>(recv.lambda.captured());
            combined.addAll(args);
            callArgs = combined;
            target = ctx.program.resolve(h.getOwner(), h.getName(), h.getDesc());
            if (target == null) {
                return done(typed(result, allTaint(combined)));
            }
        } else {
            String start = owner;
            if (recv != null
                    && recv.exact
                    && recv.type != null
                    && !recv.type.startsWith("[")
                    && m.getOpcode() != Opcodes.INVOKESPECIAL) {
                start = recv.type;
            }
            target = ctx.program.resolve(start, name, m.desc);
        }
        if (target == null) {
            return null;
        }
        FlowValue[] seeds = seeds(callArgs);
        MethodAnalysis.Result r = seeds == null
                ? ctx.program.result(target, ctx.depth + 1)
                : ctx.program.result(target, ctx.depth + 1, seeds);
        if (r == null || r.summary() == null) {
            return null;
        }
        return apply(r.summary(), callArgs, result, target);
    }

    /** The guess on the stream {@code getResourceAsStream("name")} returns: the prefix, then the name. */
    private static final String RESOURCE = "\u0000resource:";

    private static final String LOADED = "#resource";

    /**
     * {@code Properties}: {@code load} of a class-path resource remembers its name on the object; {@code getProperty}
     * then answers with the value that resource holds (when the analysed class folders contain it), else with the
     * default given in the code.
     */
    private FlowValue properties(FlowValue result) {
        boolean known = recv != null && recv.alloc != FlowValue.NO_ALLOC && recv.alloc != FlowValue.THIS;
        if (name.equals("load") && args.size() == 1 && known) {
            String g = args.get(0).guess;
            if (g != null && g.startsWith(RESOURCE)) {
                FlowValue mark = FlowValue.of(Type.getType(String.class)).withConstant(g.substring(RESOURCE.length()));
                in.frame.put(recv.alloc, in.frame.obj(recv.alloc).put(LOADED, mark));
            }
            return NONE;
        }
        if (!name.equals("getProperty") || result == null) {
            return null;
        }
        FlowValue v = typed(result, recv == null ? null : recv.taint);
        String fromFile = null;
        if (known && !args.isEmpty() && args.get(0).constant instanceof String key) {
            FlowValue loaded = in.frame.obj(recv.alloc).keyed.get(LOADED);
            if (loaded != null && loaded.constant instanceof String resource) {
                fromFile = ctx.program.property(resource, key);
            }
        }
        if (fromFile != null) {
            v = v.withGuess(fromFile);
        } else if (args.size() == 2 && args.get(1).guess != null) {
            v = v.withGuess(args.get(1).guess);
        }
        return done(v);
    }

    /** Constant or assumed arguments, which the callee is analysed with; null when there are none. */
    private static FlowValue[] seeds(List<FlowValue> callArgs) {
        FlowValue[] out = null;
        for (int i = 0; i < callArgs.size(); i++) {
            FlowValue a = callArgs.get(i);
            boolean known = a.constant != null && a.constant != FlowValue.NULL
                    || a.guess != null && !a.guess.startsWith("\u0000");
            if (known && a.taint == null) {
                if (out == null) {
                    out = new FlowValue[callArgs.size()];
                }
                out[i] = a;
            }
        }
        return out;
    }

    private FlowValue apply(Summary s, List<FlowValue> callArgs, FlowValue result, Program.Resolved target) {
        Step call = ctx.step(m, "calls " + FlowInterpreter.simple(target.owner().name) + "." + target.method().name);
        for (Hit h : s.hits()) {
            Taint inner = h.taint();
            for (int i = 0; i < callArgs.size() && i < 63; i++) {
                boolean whole = (inner.params & (1L << i)) != 0;
                if (!whole && (inner.nparams & (1L << i)) == 0) {
                    continue;
                }
                Taint a = effective(callArgs.get(i));
                if (a != null && !whole) {
                    a = a.numeric();
                }
                if (a == null) {
                    continue;
                }
                a = a.sanitizedFor(inner.psanitized(i));
                if (!a.sourceHits(h.kind()) && !a.paramHits(h.kind())) {
                    continue;
                }
                Trace tr = a.trace == null ? Trace.of(call) : a.trace.then(call);
                if (inner.trace != null) {
                    tr = tr.then(inner.trace);
                }
                Taint combined = a.withTrace(tr);
                ctx.hit(m, new Hit(h.kind(), combined, h.sink(), callArgs.get(i).alloc));
            }
        }
        for (Map.Entry<Integer, Taint> e : s.contents().entrySet()) {
            int i = e.getKey();
            if (i < callArgs.size()) {
                FlowValue target0 = callArgs.get(i);
                Taint t = translate(e.getValue(), callArgs, call);
                if (t != null && target0.alloc != FlowValue.NO_ALLOC) {
                    in.frame.put(target0.alloc, in.frame.obj(target0.alloc).withWhole(t));
                } else if (t != null && target0.taint != null && target0.taint.params != 0) {
                    ctx.contents(target0.taint.params, t);
                }
            }
        }
        for (Map.Entry<Integer, FlowValue> e : s.parameterCookies().entrySet()) {
            int i = e.getKey();
            if (i < callArgs.size()
                    && callArgs.get(i).alloc != FlowValue.NO_ALLOC
                    && callArgs.get(i).alloc != FlowValue.THIS) {
                int a = callArgs.get(i).alloc;
                in.frame.put(a, in.frame.obj(a).put(Obj.SECURE, e.getValue()));
            }
        }
        if (recv != null
                && recv.alloc != FlowValue.NO_ALLOC
                && !s.receiverFields().isEmpty()
                && callArgs == all) {
            Obj o = in.frame.obj(recv.alloc);
            for (Map.Entry<Object, FlowValue> e : s.receiverFields().entrySet()) {
                if (e.getKey() instanceof String k && k.startsWith("#f:")) {
                    FlowValue v = e.getValue();
                    o = o.put(k, v.withTaint(translate(v.taint, callArgs, call)).withAlloc(FlowValue.NO_ALLOC));
                }
            }
            in.frame.put(recv.alloc, o);
        }
        if (result == null) {
            return NONE;
        }
        FlowValue r = s.returned();
        if (r == null) {
            return done(result);
        }
        FlowValue out = result;
        if (r.constant != null && r.taint == null) {
            out = out.withConstant(r.constant);
        }
        String guess = r.guess;
        if (guess != null && guess.startsWith(MethodAnalysis.PARAM_GUESS)) {
            int i = Integer.parseInt(guess.substring(MethodAnalysis.PARAM_GUESS.length()));
            guess = i < callArgs.size() ? callArgs.get(i).guess : null;
        } else if (guess != null && guess.startsWith(MethodAnalysis.FIELD_GUESS)) {
            String field = guess.substring(MethodAnalysis.FIELD_GUESS.length());
            FlowValue stored = recv != null && recv.alloc != FlowValue.NO_ALLOC && callArgs == all
                    ? in.frame.obj(recv.alloc).keyed.get("#f:" + field)
                    : null;
            if (stored != null) {
                return done(typed(result.withGuess(stored.guess), stored.taint));
            }
            guess = null;
        }
        if (guess != null) {
            out = out.withGuess(guess);
        }
        if (r.marks != 0) {
            out = out.withMarks(r.marks);
        }
        if (r.exact && r.type != null) {
            out = out.withType(r.type, true);
        }
        out = typed(out, translate(r.taint, callArgs, call));
        if (s.returnedObject() != null && out != null) {
            // the object the callee made and returned becomes an object of this method, allocated at the call
            int id = ctx.index(m);
            in.frame.put(id, s.returnedObject().mapTaints(t -> translate(t, callArgs, call)));
            out = out.withAlloc(id);
        }
        return done(out);
    }

    /** A callee's taint in the caller: its parameter bits replaced by the arguments' taints. */
    private Taint translate(Taint t, List<FlowValue> callArgs, Step call) {
        if (t == null) {
            return null;
        }
        Taint out = t.kinds != 0 ? new Taint(t.kinds, 0, 0, t.sanitized, t.sanitized, -1, t.trace) : null;
        for (int i = 0; i < callArgs.size() && i < 63; i++) {
            boolean whole = (t.params & (1L << i)) != 0;
            if (whole || (t.nparams & (1L << i)) != 0) {
                Taint a = effective(callArgs.get(i));
                if (a != null && !whole) {
                    a = a.numeric();
                }
                if (a != null) {
                    Trace tr = a.trace == null ? null : a.trace.then(call);
                    if (tr != null && t.trace != null && t.kinds == 0) {
                        tr = tr.then(t.trace);
                    }
                    out = Taint.join(out, a.sanitizedFor(t.psanitized(i)).withTrace(tr));
                }
            }
        }
        return out;
    }
}
