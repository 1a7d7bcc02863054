/** Library side of the metrics agent: meters, binders, route naming and the endpoint; usable without the agent. */
package dev.vigil.metrics;
