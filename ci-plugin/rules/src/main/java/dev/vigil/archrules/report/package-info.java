/**
 * What every front end of the code rules shares (the Maven plugin, {@code vigil code}): the run step
 * ({@link dev.vigil.archrules.report.CodeRun}), the configuration ({@link dev.vigil.archrules.report.CodeConfig},
 * the {@code code:} section of {@code .vigil.yaml}), the finding record with its semantic fingerprint, the baseline,
 * and the SARIF, JSON, JUnit, HTML and text writers ({@link dev.vigil.archrules.report.CodeReport}).
 */
package dev.vigil.archrules.report;
