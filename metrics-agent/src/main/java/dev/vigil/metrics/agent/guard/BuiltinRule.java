package dev.vigil.metrics.agent.guard;

import java.util.List;

/**
 * The guard's built-in rules: stable ids (kebab-case, never renamed), Falco priorities and tags. Which hook fires which
 * rule is decided in {@link Guard}; the README's rule table lists the same rules.
 */
public enum BuiltinRule {
    PROCESS_IN_REQUEST(
            "process-in-request",
            "Critical",
            "process",
            "Process spawned while serving an HTTP request",
            List.of("process", "mitre_execution", "T1059")),
    PROCESS_IN_DESERIALIZATION(
            "process-in-deserialization",
            "Critical",
            "process",
            "Process spawned while deserializing an object",
            List.of("process", "deserialization", "mitre_execution", "T1059")),
    JNDI_REMOTE_LOOKUP(
            "jndi-remote-lookup",
            "Critical",
            "jndi",
            "JNDI lookup of a remote URL",
            List.of("jndi", "log4shell", "mitre_initial_access", "T1190")),
    DESERIALIZE_GADGET_CLASS(
            "deserialize-gadget-class",
            "Critical",
            "deserialize",
            "Known gadget class deserialized",
            List.of("deserialization", "mitre_execution", "T1203")),
    DESERIALIZE_UNLISTED_CLASS(
            "deserialize-unlisted-class",
            "Critical",
            "deserialize",
            "Class outside the deserialization allow-list deserialized",
            List.of("deserialization", "mitre_execution", "T1203")),
    SENSITIVE_FILE_READ(
            "sensitive-file-read",
            "Warning",
            "file",
            "Sensitive file opened for reading",
            List.of("filesystem", "mitre_credential_access", "T1552")),
    SENSITIVE_FILE_WRITE(
            "sensitive-file-write",
            "Error",
            "file",
            "Sensitive file opened for writing",
            List.of("filesystem", "mitre_persistence", "T1098")),
    EGRESS_NOT_ALLOWED(
            "egress-not-allowed",
            "Warning",
            "connect",
            "Outbound connection to a host outside guard.egress",
            List.of("network", "mitre_command_and_control", "T1071")),
    REMOTE_CLASS_LOAD(
            "remote-class-load",
            "Critical",
            "classload",
            "Class loaded through a class loader with a remote code base",
            List.of("classloading", "mitre_execution", "T1105")),
    SCRIPT_FROM_REQUEST(
            "script-from-request",
            "Error",
            "script",
            "Script or expression evaluated from request data",
            List.of("script", "injection", "mitre_execution", "T1059"));

    private final String id;
    private final String priority;
    private final String kind;
    private final String description;
    private final List<String> tags;

    BuiltinRule(String id, String priority, String kind, String description, List<String> tags) {
        this.id = id;
        this.priority = priority;
        this.kind = kind;
        this.description = description;
        this.tags = tags;
    }

    /** The stable rule id, e.g. {@code jndi-remote-lookup}; the event's {@code rule} and the counter's label. */
    public String id() {
        return id;
    }

    /** Falco priority name: {@code Critical}, {@code Error}, {@code Warning}, ... */
    public String priority() {
        return priority;
    }

    /** The hook kind the rule looks at: process, file, jndi, deserialize, connect, classload, script. */
    public String kind() {
        return kind;
    }

    /** One readable sentence, the start of the event's {@code output}. */
    public String description() {
        return description;
    }

    /** Falco-style tags (the action tag, {@code detected} or {@code blocked}, is added per event). */
    public List<String> tags() {
        return tags;
    }
}
