package dev.vigil.metrics.agent.guard;

import dev.vigil.metrics.agent.ServletRecorder;
import dev.vigil.metrics.agent.guard.output.EventSinks;
import java.net.InetSocketAddress;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.OpenOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * What the code {@link GuardInstrumentation} weaves into the JDK calls: {@code apply(kind, payload)} at the entry of the
 * guarded call, before it does anything. Returns null to let the call go on, or the {@code SecurityException} the
 * woven code throws (block mode). Decides quickly whether a call can matter (an ordinary file, a local JNDI name, a
 * {@code String} deserialized return at once) and hands the rest to {@link Guard}. Never throws; calls made while it
 * is working (its own output, class loading) are not looked at.
 *
 * <p>Kinds and payloads: {@code process} (the {@code ProcessBuilder}), {@code jndi} (the name), {@code deserialize}
 * (the class), {@code file.read} / {@code file.write} (the path string), {@code file.raf} ({@code [name, mode]}),
 * {@code file.nio} ({@code [path, options]}), {@code file.copy} / {@code file.move} ({@code [source, target]}),
 * {@code connect} (the address), {@code classload} ({@code [loader,
 * name]}), {@code script} ({@code [engine or parser, text or Reader]}).
 */
public final class GuardCallback implements BiFunction<Object, Object, Object> {
    /** Looked up by name from the woven code. */
    public static final GuardCallback INSTANCE = new GuardCallback();

    private static final Set<String> REMOTE_JNDI =
            Set.of("ldap", "ldaps", "rmi", "dns", "iiop", "iiopname", "corbaname", "nis", "nds");
    private static final Set<String> REMOTE_CODEBASE = Set.of("http", "https", "ftp", "ldap", "ldaps", "rmi");
    private static final ThreadLocal<Boolean> BUSY = new ThreadLocal<>();
    private static volatile Guard guard;

    private GuardCallback() {}

    static void use(Guard g) {
        guard = g;
    }

    @Override
    public Object apply(Object kind, Object payload) {
        Guard g = guard;
        if (g == null || BUSY.get() != null) {
            return null;
        }
        if (Thread.currentThread().getName().startsWith(EventSinks.THREAD_NAME_PREFIX)) {
            return null; // the guard's own outputs: file appends, POSTs to the collector
        }
        BUSY.set(Boolean.TRUE);
        try {
            return check(g, (String) kind, payload);
        } catch (Throwable t) {
            if (Boolean.getBoolean("vigil.metrics.debug")) {
                System.err.println("[vigil-metrics] guard could not check a " + kind + " call: " + t);
            }
            return null;
        } finally {
            BUSY.remove();
        }
    }

    static SecurityException check(Guard g, String kind, Object payload) {
        switch (kind) {
            case "file.read":
                return file(g, (String) payload, false);
            case "file.write":
                return file(g, (String) payload, true);
            case "file.raf": {
                Object[] a = (Object[]) payload;
                return file(g, (String) a[0], (((Integer) a[1]) & 2) != 0);
            }
            case "file.nio": {
                Object[] a = (Object[]) payload;
                return file(g, String.valueOf(a[0]), writes((Set<?>) a[1]));
            }
            case "file.copy": {
                Object[] a = (Object[]) payload;
                SecurityException e = file(g, String.valueOf(a[0]), false);
                return e != null ? e : file(g, String.valueOf(a[1]), true);
            }
            case "file.move": {
                Object[] a = (Object[]) payload;
                SecurityException e = file(g, String.valueOf(a[0]), true);
                return e != null ? e : file(g, String.valueOf(a[1]), true);
            }
            case "process":
                return process(g, (ProcessBuilder) payload);
            case "jndi":
                return jndi(g, String.valueOf(payload));
            case "deserialize":
                return deserialize(g, (Class<?>) payload);
            case "connect":
                return connect(g, payload);
            case "classload": {
                Object[] a = (Object[]) payload;
                return classload(g, (URLClassLoader) a[0], (String) a[1]);
            }
            case "script": {
                Object[] a = (Object[]) payload;
                return script(g, a[0], a[1]);
            }
            default:
                return null;
        }
    }

    private static SecurityException file(Guard g, String path, boolean write) {
        SensitivePaths sensitive = g.sensitive();
        String p = sensitive.match(path);
        if (p == null && !g.customFor("file")) {
            return null;
        }
        Map<String, String> f = new LinkedHashMap<>();
        String name = p != null ? p : sensitive.target(path);
        f.put("fd.name", name);
        String requested = sensitive.absolute(path);
        if (!requested.equals(name)) {
            f.put("fd.requested", requested); // reached through a link
        }
        f.put("fd.access", write ? "write" : "read");
        BuiltinRule rule =
                p == null ? null : write ? BuiltinRule.SENSITIVE_FILE_WRITE : BuiltinRule.SENSITIVE_FILE_READ;
        return g.check("file", rule, f);
    }

    private static boolean writes(Set<?> options) {
        for (Object o : options) {
            if (o == StandardOpenOption.WRITE || o == StandardOpenOption.APPEND) {
                return true;
            }
            if (!(o instanceof OpenOption)) {
                return false;
            }
        }
        return false;
    }

    private static SecurityException process(Guard g, ProcessBuilder pb) {
        boolean inRequest = ServletRecorder.currentRequest() != null;
        boolean inDeserialization = Stacks.inDeserialization();
        if (!inRequest && !inDeserialization && !g.customFor("process")) {
            return null;
        }
        List<String> cmd = pb.command();
        Map<String, String> f = new LinkedHashMap<>();
        f.put("proc.cmdline", String.join(" ", cmd));
        String exe = cmd.isEmpty() ? "" : cmd.get(0);
        f.put("proc.name", exe.substring(exe.lastIndexOf('/') + 1));
        BuiltinRule rule = inDeserialization
                ? BuiltinRule.PROCESS_IN_DESERIALIZATION
                : inRequest ? BuiltinRule.PROCESS_IN_REQUEST : null;
        return g.check("process", rule, f);
    }

    private static SecurityException jndi(Guard g, String name) {
        int colon = name.indexOf(':');
        boolean remote = colon > 0
                && REMOTE_JNDI.contains(name.substring(0, colon).trim().toLowerCase(Locale.ROOT));
        if (!remote && !g.customFor("jndi")) {
            return null; // java:comp/env/..., a plain name of the initial context
        }
        Map<String, String> f = new LinkedHashMap<>();
        f.put("jndi.url", withoutSecrets(name));
        return g.check("jndi", remote ? BuiltinRule.JNDI_REMOTE_LOOKUP : null, f);
    }

    private static SecurityException deserialize(Guard g, Class<?> type) {
        if (type == null) {
            return null;
        }
        Class<?> c = type;
        while (c.isArray()) {
            c = c.getComponentType();
        }
        if (c.isPrimitive()) {
            return null;
        }
        String name = c.getName();
        BuiltinRule rule = Gadgets.isGadget(name)
                ? BuiltinRule.DESERIALIZE_GADGET_CLASS
                : !g.allowClasses().isEmpty() && !Gadgets.isAllowed(name, g.allowClasses())
                        ? BuiltinRule.DESERIALIZE_UNLISTED_CLASS
                        : null;
        if (rule == null && !g.customFor("deserialize")) {
            return null;
        }
        Map<String, String> f = new LinkedHashMap<>();
        f.put("class.name", name);
        return g.check("deserialize", rule, f);
    }

    private static SecurityException connect(Guard g, Object address) {
        if (!(address instanceof InetSocketAddress)) {
            return null;
        }
        InetSocketAddress a = (InetSocketAddress) address;
        boolean outside = g.checksEgress() && !g.egress().allows(a);
        if (!outside && !g.customFor("connect")) {
            return null;
        }
        Map<String, String> f = new LinkedHashMap<>();
        f.put("net.host", a.getHostString());
        f.put("net.port", Integer.toString(a.getPort()));
        return g.check("connect", outside ? BuiltinRule.EGRESS_NOT_ALLOWED : null, f);
    }

    private static SecurityException classload(Guard g, URLClassLoader loader, String name) {
        // called on every class a URLClassLoader defines (Spring Boot's launcher too): field reads only, no toString
        URL[] urls = loader.getURLs();
        for (URL url : urls) {
            String protocol = url.getProtocol();
            if (protocol.equals("jar")) {
                String path = url.getPath();
                int colon = path.indexOf(':');
                protocol = colon < 0 ? "" : path.substring(0, colon).toLowerCase(Locale.ROOT);
            }
            if (REMOTE_CODEBASE.contains(protocol)) {
                Map<String, String> f = new LinkedHashMap<>();
                f.put("class.name", name);
                f.put("class.codebase", withoutSecrets(url.toString()));
                return g.check("classload", BuiltinRule.REMOTE_CLASS_LOAD, f);
            }
        }
        if (!g.customFor("classload")) {
            return null;
        }
        Map<String, String> f = new LinkedHashMap<>();
        f.put("class.name", name);
        if (urls.length > 0) {
            f.put("class.codebase", withoutSecrets(urls[0].toString()));
        }
        return g.check("classload", null, f);
    }

    private static SecurityException script(Guard g, Object engine, Object source) {
        Object request = ServletRecorder.currentRequest();
        boolean custom = g.customFor("script");
        if (request == null && !custom) {
            return null;
        }
        String text = ScriptText.of(source);
        if (text == null) {
            return null;
        }
        long fingerprint = ScriptText.fingerprint(text);
        long previous = ScriptText.remember(fingerprint);
        boolean fromRequest = request != null && RequestView.containsRequestData(request, text);
        if (!fromRequest && !custom) {
            return null;
        }
        if (ScriptText.judgedByAnOuterCall(engine, fingerprint, previous)) {
            return null; // AbstractScriptEngine.eval(String) handing over to the engine's eval(String, ScriptContext)
        }
        Map<String, String> f = new LinkedHashMap<>();
        f.put("script.engine", engine.getClass().getName());
        f.put("script.length", Integer.toString(text.length()));
        return g.check("script", fromRequest ? BuiltinRule.SCRIPT_FROM_REQUEST : null, f);
    }

    /** A URL without its query and user information (which may carry credentials). */
    static String withoutSecrets(String url) {
        String u = url;
        int q = u.indexOf('?');
        if (q >= 0) {
            u = u.substring(0, q);
        }
        int scheme = u.indexOf("://");
        if (scheme > 0) {
            int at = u.indexOf('@', scheme + 3);
            int slash = u.indexOf('/', scheme + 3);
            if (at > 0 && (slash < 0 || at < slash)) {
                u = u.substring(0, scheme + 3) + u.substring(at + 1);
            }
        }
        return u.length() > 512 ? u.substring(0, 512) : u;
    }
}
