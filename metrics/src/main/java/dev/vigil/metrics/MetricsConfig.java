package dev.vigil.metrics;

import dev.vigil.config.Suggestions;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The effective, validated configuration of the metrics library and agent.
 *
 * <p>Every option has one key, e.g. {@code port}. It can be given, highest precedence first, as an agent argument
 * ({@code -javaagent:metrics-agent.jar=port=9464,host=0.0.0.0}), a system property ({@code -Dvigil.metrics.port=9464})
 * or an environment variable ({@code VIGIL_METRICS_PORT=9464}). Lists (allow, deny) are separated by {@code |} so that
 * they fit into the comma-separated agent arguments. {@link #parse} reports every problem at once.
 */
public final class MetricsConfig {
    /** The options understood, with their defaults; the README's option table lists the same keys. */
    static final Map<String, String> DEFAULTS = defaultValues();

    private static final String DEFAULT_PORT = "9464";
    /** How far a misspelt option may be from a known one to be suggested ("did you mean"). */
    private static final int MAX_SUGGESTION_DISTANCE = 2;
    /** Marks, in the parsed values, that the user gave a port (so a busy default port is not failed over). */
    private static final String PORT_GIVEN = " port given";

    private final String host;
    private final int portFrom;
    private final int portTo;
    private final String path;
    private final Path portFile;
    private final Naming naming;
    private final Coexist coexist;
    private final boolean portDefaulted;
    private final int maxSeriesPerMetric;
    private final int maxRoutes;
    private final boolean histogram;
    private final boolean exemplars;
    private final boolean jvm;
    private final boolean servlet;
    private final boolean httpClient;
    private final boolean executors;
    private final boolean jdbc;
    private final boolean grpc;
    private final List<String> allow;
    private final List<String> deny;
    private final String basicAuthUser;
    private final String basicAuthPasswordSha256;
    private final Path bearerTokenFile;
    private final boolean allowInsecure;
    private final Path tlsKeystore;
    private final Path tlsKeystorePasswordFile;
    private final boolean endpoint;
    private final GuardMode guard;
    private final List<String> guardOutputs;
    private final int guardRate;
    private final List<String> guardEgress;
    private final List<String> guardAllowClasses;
    private final Path guardRules;

    /** Options that may be given more than once as agent arguments; the values are joined with {@code |}. */
    private static final java.util.Set<String> REPEATABLE =
            java.util.Set.of("guard.output", "guard.egress", "guard.allowClasses");

    /** What the runtime guard does (see the README's "Runtime guard"). */
    public enum GuardMode {
        /** No guard: no guard class is loaded, nothing is woven for it. */
        OFF,
        /** Report guarded behaviour as events and count it; the application is not changed. */
        DETECT,
        /** Like {@link #DETECT}, and the guarded call throws a {@code SecurityException} before any side effect. */
        BLOCK
    }

    /** How meters are named on the endpoint. */
    public enum Naming {
        /** Micrometer / Spring Boot names: {@code http_server_requests_seconds}, {@code jvm_memory_used_bytes}. */
        MICROMETER,
        /** OpenTelemetry semantic-convention names: {@code http_server_request_duration_seconds}. */
        OTEL
    }

    /** What happens when the application has a Micrometer registry of its own (e.g. Spring Boot Actuator's). */
    public enum Coexist {
        /**
         * The application's meters win: they are bridged onto the agent's endpoint as they are (the application's
         * names, types and tags), and the agent's own meters of the same names are left out.
         */
        APP,
        /** The agent's meters win: application meters whose names the agent also exposes are not bridged. */
        AGENT,
        /** Two independent sources: nothing of the application's registries is bridged, nothing stands down. */
        BOTH
    }

    private MetricsConfig(Map<String, String> v, List<String> problems) {
        this.host = v.get("host");
        int[] range = portRange(v.get("port"), problems);
        this.portFrom = range[0];
        this.portTo = range[1];
        this.path = v.get("path");
        if (!path.startsWith("/")) {
            problems.add(problem("path", path, "a path starting with '/'"));
        }
        this.portFile = v.get("portFile").isEmpty() ? null : Path.of(v.get("portFile"));
        this.naming = naming(v.get("naming"), problems);
        this.coexist = coexist(v.get("coexist"), problems);
        this.portDefaulted = DEFAULT_PORT.equals(v.get("port")) && !v.containsKey(PORT_GIVEN);
        this.maxSeriesPerMetric = positiveInt("maxSeriesPerMetric", v.get("maxSeriesPerMetric"), problems);
        this.maxRoutes = positiveInt("maxRoutes", v.get("maxRoutes"), problems);
        this.histogram = bool("histogram", v.get("histogram"), problems);
        this.exemplars = bool("exemplars", v.get("exemplars"), problems);
        this.jvm = bool("jvm", v.get("jvm"), problems);
        this.servlet = bool("servlet", v.get("servlet"), problems);
        this.httpClient = bool("httpClient", v.get("httpClient"), problems);
        this.executors = bool("executors", v.get("executors"), problems);
        this.jdbc = bool("jdbc", v.get("jdbc"), problems);
        this.grpc = bool("grpc", v.get("grpc"), problems);
        this.endpoint = bool("endpoint", v.get("endpoint"), problems);
        this.allow = list(v.get("allow"));
        this.deny = list(v.get("deny"));
        this.basicAuthUser = emptyToNull(v.get("basicAuthUser"));
        this.basicAuthPasswordSha256 = emptyToNull(v.get("basicAuthPasswordSha256"));
        this.bearerTokenFile = v.get("bearerTokenFile").isEmpty() ? null : Path.of(v.get("bearerTokenFile"));
        this.allowInsecure = bool("allowInsecure", v.get("allowInsecure"), problems);
        this.tlsKeystore = v.get("tlsKeystore").isEmpty() ? null : Path.of(v.get("tlsKeystore"));
        this.tlsKeystorePasswordFile =
                v.get("tlsKeystorePasswordFile").isEmpty() ? null : Path.of(v.get("tlsKeystorePasswordFile"));
        this.guard = guardMode(v.get("guard"), problems);
        this.guardOutputs = list(v.get("guard.output"));
        this.guardRate = positiveInt("guard.rate", v.get("guard.rate"), problems);
        this.guardEgress = list(v.get("guard.egress"));
        this.guardAllowClasses = list(v.get("guard.allowClasses"));
        this.guardRules = v.get("guard.rules").isEmpty() ? null : Path.of(v.get("guard.rules"));
        if (guardRules != null && !java.nio.file.Files.isReadable(guardRules)) {
            problems.add(problem("guard.rules", guardRules.toString(), "a readable YAML file"));
        }
        if (guardOutputs.isEmpty()) {
            problems.add(problem("guard.output", v.get("guard.output"), "stderr, stdout, a file or an http(s) URL"));
        }
        checkAuth(problems);
        checkTls(problems);
    }

    /** The defaults: loopback, port 9464, {@code /metrics}, Micrometer names. */
    public static MetricsConfig defaults() {
        return parse("", Map.of(), Map.of());
    }

    /**
     * Parses and validates the options from the three sources.
     *
     * @param agentArgs the {@code -javaagent:...=} string, {@code key=value} pairs separated by commas; may be null
     * @param systemProperties keys {@code vigil.metrics.<key>}
     * @param environment keys {@code VIGIL_METRICS_<KEY>} (camel case becomes upper snake case)
     * @throws InvalidMetricsConfigException listing every problem found, not only the first
     */
    public static MetricsConfig parse(
            String agentArgs, Map<String, String> systemProperties, Map<String, String> environment) {
        List<String> problems = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
        for (String key : DEFAULTS.keySet()) {
            String env = environment.get(envName(key));
            if (env != null) {
                values.put(key, env.trim());
                markPort(key, values);
            }
            String prop = systemProperties.get("vigil.metrics." + key);
            if (prop != null) {
                values.put(key, prop.trim());
                markPort(key, values);
            }
        }
        java.util.Set<String> given = new java.util.HashSet<>();
        if (agentArgs != null && !agentArgs.isBlank()) {
            for (String pair : agentArgs.split(",")) {
                if (pair.isBlank()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = (eq < 0 ? pair : pair.substring(0, eq)).trim();
                String value = eq < 0 ? "" : pair.substring(eq + 1).trim();
                if (!DEFAULTS.containsKey(key)) {
                    String near = Suggestions.closest(key, DEFAULTS.keySet(), MAX_SUGGESTION_DISTANCE)
                            .orElse(null);
                    problems.add(
                            "unknown option '" + key + "'; " + (near == null ? "" : "did you mean '" + near + "'? ")
                                    + "known options are " + DEFAULTS.keySet());
                } else if (eq < 0) {
                    problems.add("option '" + key + "' has no value; write " + key + "=<value>");
                } else if (REPEATABLE.contains(key) && given.contains(key)) {
                    values.put(key, values.get(key) + "|" + value);
                } else {
                    given.add(key);
                    values.put(key, value);
                    markPort(key, values);
                }
            }
        }
        MetricsConfig config = new MetricsConfig(values, problems);
        if (!problems.isEmpty()) {
            throw new InvalidMetricsConfigException(problems);
        }
        return config;
    }

    private static void markPort(String key, Map<String, String> values) {
        if (key.equals("port")) {
            values.put(PORT_GIVEN, "");
        }
    }

    /** The environment variable name for an option key: {@code maxRoutes} becomes {@code VIGIL_METRICS_MAX_ROUTES}. */
    public static String envName(String key) {
        return "VIGIL_METRICS_"
                + key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replace('.', '_').toUpperCase(Locale.ROOT);
    }

    private static Map<String, String> defaultValues() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("host", "127.0.0.1");
        d.put("port", "9464");
        d.put("path", "/metrics");
        d.put("portFile", "");
        d.put("naming", "micrometer");
        d.put("coexist", "app");
        d.put("maxSeriesPerMetric", "2000");
        d.put("maxRoutes", "500");
        d.put("histogram", "true");
        d.put("exemplars", "true");
        d.put("jvm", "true");
        d.put("servlet", "true");
        d.put("httpClient", "true");
        d.put("executors", "true");
        d.put("jdbc", "true");
        d.put("grpc", "true");
        d.put("endpoint", "true");
        d.put("allow", "");
        d.put("deny", "");
        d.put("basicAuthUser", "");
        d.put("basicAuthPasswordSha256", "");
        d.put("bearerTokenFile", "");
        d.put("allowInsecure", "false");
        d.put("tlsKeystore", "");
        d.put("tlsKeystorePasswordFile", "");
        d.put("guard", "off");
        d.put("guard.output", "stderr");
        d.put("guard.rate", "20");
        d.put("guard.egress", "");
        d.put("guard.allowClasses", "");
        d.put("guard.rules", "");
        return Collections.unmodifiableMap(d);
    }

    private void checkAuth(List<String> problems) {
        if ((basicAuthUser == null) != (basicAuthPasswordSha256 == null)) {
            problems.add("basicAuthUser and basicAuthPasswordSha256 must be given together");
        }
        if (basicAuthPasswordSha256 != null && !basicAuthPasswordSha256.matches("[0-9a-fA-F]{64}")) {
            problems.add(problem("basicAuthPasswordSha256", "<hidden>", "64 hex digits (sha256sum of the password)"));
        }
        if (basicAuthUser != null && bearerTokenFile != null) {
            problems.add("choose one of basic auth and bearerTokenFile, not both");
        }
        if (!isLoopback(host) && !hasAuth() && !allowInsecure) {
            problems.add("host '" + host + "' is not a loopback address and no authentication is configured;"
                    + " set basicAuthUser/basicAuthPasswordSha256 or bearerTokenFile, or allowInsecure=true");
        }
    }

    private void checkTls(List<String> problems) {
        if (tlsKeystore != null && !java.nio.file.Files.isReadable(tlsKeystore)) {
            problems.add(problem("tlsKeystore", tlsKeystore.toString(), "a readable PKCS#12 file"));
        }
        if ((tlsKeystore == null) != (tlsKeystorePasswordFile == null)) {
            problems.add("tlsKeystore and tlsKeystorePasswordFile must be given together");
        } else if (tlsKeystorePasswordFile != null && !java.nio.file.Files.isReadable(tlsKeystorePasswordFile)) {
            problems.add(problem("tlsKeystorePasswordFile", tlsKeystorePasswordFile.toString(), "a readable file"));
        }
    }

    private static boolean isLoopback(String host) {
        if (host.equals("localhost")) {
            return true;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException | SecurityException e) {
            return false;
        }
    }

    private static int[] portRange(String value, List<String> problems) {
        String[] parts = value.split("-", 2);
        try {
            int from = Integer.parseInt(parts[0].trim());
            int to = parts.length == 2 ? Integer.parseInt(parts[1].trim()) : from;
            if (from < 0 || to > 65535 || to < from) {
                throw new NumberFormatException();
            }
            return new int[] {from, to};
        } catch (NumberFormatException e) {
            problems.add(problem("port", value, "a port 0-65535 (0 = any free port) or a range like 9464-9470"));
            return new int[] {0, 0};
        }
    }

    private static Coexist coexist(String value, List<String> problems) {
        for (Coexist c : Coexist.values()) {
            if (c.name().equalsIgnoreCase(value)) {
                return c;
            }
        }
        problems.add(problem("coexist", value, "'app', 'agent' or 'both'"));
        return Coexist.APP;
    }

    private static GuardMode guardMode(String value, List<String> problems) {
        for (GuardMode m : GuardMode.values()) {
            if (m.name().equalsIgnoreCase(value)) {
                return m;
            }
        }
        problems.add(problem("guard", value, "'off', 'detect' or 'block'"));
        return GuardMode.OFF;
    }

    private static Naming naming(String value, List<String> problems) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "micrometer":
                return Naming.MICROMETER;
            case "otel":
                return Naming.OTEL;
            default:
                problems.add(problem("naming", value, "'micrometer' or 'otel'"));
                return Naming.MICROMETER;
        }
    }

    private static int positiveInt(String key, String value, List<String> problems) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(problem(key, value, "a positive integer"));
        return 1;
    }

    private static boolean bool(String key, String value, List<String> problems) {
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (!value.equalsIgnoreCase("false")) {
            problems.add(problem(key, value, "true or false"));
        }
        return false;
    }

    private static List<String> list(String value) {
        List<String> out = new ArrayList<>();
        for (String s : value.split("\\|")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return List.copyOf(out);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static String problem(String key, String value, String expected) {
        return key + " was '" + value + "' but it must be " + expected;
    }

    /** Address the endpoint binds to; default {@code 127.0.0.1}. */
    public String host() {
        return host;
    }

    /** First port tried; {@code 0} means any free port. Default 9464. */
    public int portFrom() {
        return portFrom;
    }

    /** Last port tried (inclusive); equal to {@link #portFrom()} unless a range was given. */
    public int portTo() {
        return portTo;
    }

    /** Path of the endpoint; every other path answers 404. Default {@code /metrics}. */
    public String path() {
        return path;
    }

    /** File the bound port is written to, or null. */
    public Path portFile() {
        return portFile;
    }

    /** What to do next to an application Micrometer registry; default {@link Coexist#APP}. */
    public Coexist coexist() {
        return coexist;
    }

    /**
     * Whether the port is the default 9464, not given by the user: then a busy 9464 (e.g. taken by OpenTelemetry's
     * Prometheus exporter, whose default it is too) fails over to the next free port up to 9474.
     */
    public boolean portDefaulted() {
        return portDefaulted;
    }

    /** Naming convention; default {@link Naming#MICROMETER}. */
    public Naming naming() {
        return naming;
    }

    /** Distinct series allowed per meter name; new series beyond it are dropped and counted. Default 2000. */
    public int maxSeriesPerMetric() {
        return maxSeriesPerMetric;
    }

    /** Distinct {@code uri} values for HTTP meters; beyond it, {@code uri="__other__"}. Default 500. */
    public int maxRoutes() {
        return maxRoutes;
    }

    /** Whether HTTP timers publish histogram buckets. Default true. */
    public boolean histogram() {
        return histogram;
    }

    /**
     * Whether HTTP histograms carry exemplars from a W3C {@code traceparent} (OpenMetrics only). Default true; costs the
     * Prometheus client's exemplar scheduler thread.
     */
    public boolean exemplars() {
        return exemplars;
    }

    /** Whether the JVM and process binders are registered. Default true. */
    public boolean jvm() {
        return jvm;
    }

    /** Whether the agent instruments servlets. Default true. */
    public boolean servlet() {
        return servlet;
    }

    /**
     * Whether the agent instruments outgoing HTTP calls: {@code java.net.http.HttpClient} and
     * {@code java.net.HttpURLConnection}. Default true.
     */
    public boolean httpClient() {
        return httpClient;
    }

    /** Whether the agent measures thread pools (executor meters). Default true. */
    public boolean executors() {
        return executors;
    }

    /** Whether gRPC server and client calls are timed ({@code grpc_*_processing_duration_seconds}); default true. */
    public boolean grpc() {
        return grpc;
    }

    /** Whether the agent times JDBC statements and watches HikariCP pools. Default true. */
    public boolean jdbc() {
        return jdbc;
    }

    /** Whether the HTTP endpoint is started. Default true. */
    public boolean endpoint() {
        return endpoint;
    }

    /** Meter name prefixes to keep; empty keeps everything. */
    public List<String> allow() {
        return allow;
    }

    /** Meter name prefixes to drop; applied after {@link #allow()}. */
    public List<String> deny() {
        return deny;
    }

    /** Basic auth user name, or null. */
    public String basicAuthUser() {
        return basicAuthUser;
    }

    /** Hex SHA-256 of the basic auth password, or null. */
    public String basicAuthPasswordSha256() {
        return basicAuthPasswordSha256;
    }

    /** File holding the bearer token scrapers must send, re-read when it changes; or null. */
    public Path bearerTokenFile() {
        return bearerTokenFile;
    }

    /** PKCS#12 key store for HTTPS, reloaded when it changes; or null for plain HTTP. */
    public Path tlsKeystore() {
        return tlsKeystore;
    }

    /** File holding the key store password (first line); or null. */
    public Path tlsKeystorePasswordFile() {
        return tlsKeystorePasswordFile;
    }

    /** The runtime guard's mode; default {@link GuardMode#OFF}. */
    public GuardMode guard() {
        return guard;
    }

    /**
     * Where guard events go: {@code stderr}, {@code stdout}, a file, or an {@code http(s)://} URL (one POST per event);
     * repeatable ({@code guard.output=stderr,guard.output=/var/log/guard.json}). Default {@code stderr}.
     */
    public List<String> guardOutputs() {
        return guardOutputs;
    }

    /**
     * Events written per rule per 10 seconds; more are suppressed but still counted in
     * {@code vigil_guard_events_total}. Default 20.
     */
    public int guardRate() {
        return guardRate;
    }

    /**
     * Hosts outbound connections may go to ({@code host}, {@code *.domain}, an IP address); empty (the default) means
     * outbound connections are not checked.
     */
    public List<String> guardEgress() {
        return guardEgress;
    }

    /**
     * Class name prefixes that may be deserialized besides the JDK's value types; empty (the default) means only known
     * gadget classes are reported.
     */
    public List<String> guardAllowClasses() {
        return guardAllowClasses;
    }

    /** The custom guard rules file, or null. */
    public Path guardRules() {
        return guardRules;
    }

    /** Whether any authentication is configured. */
    public boolean hasAuth() {
        return basicAuthUser != null || bearerTokenFile != null;
    }

    @Override
    public String toString() {
        return "MetricsConfig{host=" + host + ", port=" + (portFrom == portTo ? portFrom : portFrom + "-" + portTo)
                + ", path=" + path + ", portFile=" + Objects.toString(portFile, "") + ", naming="
                + naming.name().toLowerCase(Locale.ROOT) + ", coexist="
                + coexist.name().toLowerCase(Locale.ROOT)
                + ", maxSeriesPerMetric=" + maxSeriesPerMetric
                + ", maxRoutes=" + maxRoutes + ", histogram=" + histogram + ", exemplars=" + exemplars + ", jvm=" + jvm
                + ", servlet=" + servlet
                + ", httpClient=" + httpClient
                + ", executors=" + executors
                + ", jdbc=" + jdbc
                + ", grpc=" + grpc
                + ", endpoint=" + endpoint + ", allow=" + allow + ", deny=" + deny + ", auth="
                + (basicAuthUser != null ? "basic(" + basicAuthUser + ")" : bearerTokenFile != null ? "bearer" : "none")
                + ", allowInsecure=" + allowInsecure + ", tls=" + (tlsKeystore != null)
                + ", guard=" + guard.name().toLowerCase(Locale.ROOT)
                + (guard == GuardMode.OFF
                        ? ""
                        : ", guard.output=" + guardOutputs + ", guard.rate=" + guardRate + ", guard.egress="
                                + guardEgress + ", guard.allowClasses=" + guardAllowClasses + ", guard.rules="
                                + Objects.toString(guardRules, ""))
                + "}";
    }
}
