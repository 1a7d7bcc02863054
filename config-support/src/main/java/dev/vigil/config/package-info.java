/**
 * What every Vigil configuration reader shares: {@link dev.vigil.config.Durations} (one duration grammar) and
 * {@link dev.vigil.config.Suggestions} (one "did you mean"), and {@link dev.vigil.config.SarifUris} (SARIF artifact
 * locations for every SARIF writer). No dependencies.
 */
package dev.vigil.config;
