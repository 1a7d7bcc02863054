package dev.vigil.archrules.flow;

/**
 * Tainted data arriving at a sink; {@code taint.trace} ends with the sink's step.
 *
 * @param alloc allocation site of the value at the sink (a path checked after normalisation is safe), or
 *     {@link FlowValue#NO_ALLOC}
 */
record Hit(SinkKind kind, Taint taint, String sink, int alloc) {}
