package dev.vigil.metrics.agent.guard;

import dev.vigil.metrics.MetricsConfig;
import dev.vigil.metrics.agent.ServletRecorder;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The runtime guard's pipeline. Each hook hands over what it is about to do as a kind ({@code process}, {@code file},
 * {@code jndi}, {@code deserialize}, {@code connect}, {@code classload}, {@code script}) and Falco-style fields
 * ({@code proc.cmdline}, {@code fd.name}, ...); the built-in rules are evaluated, and for each one that matches the
 * event is counted ({@code vigil_guard_events_total{rule,priority,action}}), written unless the rule's rate limit is
 * exhausted, and, in block mode, a {@code SecurityException} naming the rule is returned for the hook to throw before
 * the call has any effect. Never throws.
 */
public final class Guard {
    private final boolean block;
    private final RateLimiter limiter;
    private final GuardCounters counters;
    private final Consumer<String> out;
    private final SensitivePaths sensitive;
    private final Egress egress;
    private final List<String> allowClasses;
    /** Found on a daemon thread at start ({@link #findHostnameInBackground}), or by an event that comes first. */
    private volatile String hostname;

    private final CustomRuleSet custom;

    Guard(MetricsConfig config, GuardCounters counters, Consumer<String> out, SensitivePaths sensitive) {
        this(config, counters, out, sensitive, null);
    }

    /** @param custom the rules of {@code guard.rules}, or null */
    Guard(
            MetricsConfig config,
            GuardCounters counters,
            Consumer<String> out,
            SensitivePaths sensitive,
            CustomRuleSet custom) {
        this.custom = custom;
        this.block = config.guard() == MetricsConfig.GuardMode.BLOCK;
        this.limiter = new RateLimiter(config.guardRate(), RateLimiter.WINDOW_NANOS, System::nanoTime);
        this.counters = counters;
        this.out = out;
        this.sensitive = sensitive;
        this.egress = new Egress(config.guardEgress());
        this.allowClasses = config.guardAllowClasses();
    }

    /**
     * Finds the host name events carry on a daemon thread of its own, off the application's start-up path ({@code
     * HOSTNAME} unset, {@code InetAddress.getLocalHost()} may wait for the resolver); an event before it is known finds
     * it itself.
     */
    void findHostnameInBackground() {
        Thread t = new Thread(new HostnameLookup(this), "vigil-guard-hostname");
        t.setDaemon(true);
        t.start();
    }

    private static final class HostnameLookup implements Runnable {
        private final Guard guard;

        HostnameLookup(Guard guard) {
            this.guard = guard;
        }

        @Override
        public void run() {
            if (guard.hostname == null) {
                guard.hostname = hostname();
            }
        }
    }

    /** Whether outbound connections are checked ({@code guard.egress} is set). */
    boolean checksEgress() {
        return egress.active();
    }

    SensitivePaths sensitive() {
        return sensitive;
    }

    Egress egress() {
        return egress;
    }

    List<String> allowClasses() {
        return allowClasses;
    }

    /**
     * Whether the hooks must build the fields of a call of {@code kind} even when no built-in rule matches it: some
     * custom rule can match that kind. False without {@code guard.rules}, so the common path stays as cheap as before.
     */
    boolean customFor(String kind) {
        CustomRuleSet c = custom;
        return c != null && c.covers(kind);
    }

    /**
     * Evaluates the rules for one hooked call: the built-in rule the hook found to match (if any), then every custom
     * rule that can match {@code kind}. Each match is counted, written (rate limit permitting) and, in block mode,
     * blocks the call.
     *
     * @param builtin the built-in rule the hook found to match, or null
     * @param fields the event's fields so far; the thread, request and stack fields are added here
     * @return the exception to throw (block mode, some rule matched), else null
     */
    SecurityException check(String kind, BuiltinRule builtin, Map<String, String> fields) {
        SecurityException blocked = builtin == null ? null : fire(builtin, fields);
        if (customFor(kind)) {
            Map<String, String> all = new LinkedHashMap<>(fields);
            addContext(all);
            for (dev.vigil.metrics.agent.guard.custom.CustomRule r : custom.rules()) {
                if (r.matches(kind, all)) {
                    SecurityException e = emit(r.id(), r.priority(), r.tags(), all, true, a -> r.render(a));
                    if (blocked == null) {
                        blocked = e;
                    }
                }
            }
        }
        return blocked;
    }

    /**
     * Evaluates one built-in rule the hook found to match.
     *
     * @param rule the built-in rule the hook found to match (the hooks decide cheaply; see {@link GuardCallback})
     * @param fields the event's fields so far; the thread, request and stack fields are added here
     * @return the exception to throw (block mode), else null
     */
    SecurityException fire(BuiltinRule rule, Map<String, String> fields) {
        String action = block ? "blocked" : "detected";
        return emit(rule.id(), rule.priority(), rule.tags(), fields, false, all -> output(rule, action, all));
    }

    private SecurityException emit(
            String rule,
            String priority,
            List<String> ruleTags,
            Map<String, String> fields,
            boolean hasContext,
            java.util.function.Function<Map<String, String>, String> output) {
        String action = block ? "blocked" : "detected";
        counters.increment(rule, priority, action);
        long suppressed = limiter.admit(rule);
        if (suppressed >= 0) {
            Map<String, String> all = new LinkedHashMap<>(fields);
            if (!hasContext) {
                addContext(all);
            }
            if (suppressed > 0) {
                all.put("vigil.suppressed", Long.toString(suppressed));
            }
            List<String> tags = new ArrayList<>(ruleTags.size() + 2);
            tags.add("vigil");
            tags.addAll(ruleTags);
            tags.add(action);
            try {
                String host = hostname;
                if (host == null) {
                    host = hostname();
                    hostname = host;
                }
                out.accept(GuardEvent.json(Instant.now(), rule, priority, output.apply(all), all, tags, host));
            } catch (Throwable ignored) {
                // an output failing never reaches the application
            }
        }
        return block ? new SecurityException("blocked by the Vigil runtime guard, rule " + rule) : null;
    }

    /** {@code thread.name}, {@code http.method} / {@code http.route} when serving a request, {@code java.stack}. */
    static void addContext(Map<String, String> fields) {
        fields.put("thread.name", Thread.currentThread().getName());
        Object request = ServletRecorder.currentRequest();
        if (request != null) {
            RequestView.describe(request, fields);
        }
        fields.put("java.stack", Stacks.applicationFrames(8));
    }

    private static String output(BuiltinRule rule, String action, Map<String, String> fields) {
        StringBuilder b = new StringBuilder(rule.description()).append(" (").append(action);
        for (Map.Entry<String, String> e : fields.entrySet()) {
            if (!e.getKey().equals("java.stack")) {
                b.append(' ').append(e.getKey()).append('=').append(e.getValue());
            }
        }
        return b.append(')').toString();
    }

    private static String hostname() {
        String h = System.getenv("HOSTNAME");
        if (h != null && !h.isBlank()) {
            return h;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "localhost";
        }
    }
}
