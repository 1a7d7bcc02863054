package dev.vigil.archrules;

/** How often a rule's finding is a true positive. */
public enum Precision {
    /** Deterministic: a finding is a real problem. */
    HIGH,
    /** Heuristic: a finding deserves a look. */
    MEDIUM
}
