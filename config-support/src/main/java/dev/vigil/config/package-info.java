/**
 * What every Vigil configuration reader shares: {@link dev.vigil.config.Durations} (one duration grammar) and
 * {@link dev.vigil.config.Suggestions} (one "did you mean"). No dependencies.
 */
package dev.vigil.config;
